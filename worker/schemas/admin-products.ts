import { z } from "@hono/zod-openapi";
import { products, productVariants } from "../../db/schema.ts";
import { featureSchema, imageSchema, optionSchema, priceRangeSchema, variantSchema } from "./catalog.ts";
import { amountIn, intParam, listSchema, pageQuery, timestamp } from "./common.ts";
import { createSelectSchema } from "./tables.ts";

const money = amountIn;
const stock = amountIn;
const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "lower-case words joined by hyphens")
  .max(120);
const sku = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, "letters, digits, dots, dashes and underscores");
const optionName = z.string().trim().min(1).max(40);
const optionValue = z.string().trim().min(1).max(60);
export const stockReason = z.string().trim().min(1).max(200).openapi({ example: "delivery from the supplier" });

export const featureInput = z.object({
  name: z.string().trim().min(1).max(80),
  value: z.string().trim().min(1).max(200),
});
export const galleryInput = z.object({
  url: z.string().trim().min(1).max(500),
  alt: z.string().trim().max(200).default(""),
});

/** A product's options: at most three, each named once, each value listed once. */
export const optionsInput = z
  .array(
    z.object({
      name: optionName,
      values: z
        .array(optionValue)
        .min(1)
        .max(50)
        .refine((values) => new Set(values).size === values.length, "each value once"),
    }),
  )
  .max(3)
  .refine((options) => new Set(options.map((o) => o.name)).size === options.length, "each option once");

/** The money of a variant, its weight and its tax class; omitted fields take the product's (or the shop's default class). */
const variantMoney = {
  price: money.optional(),
  oldPrice: money.nullable().optional(),
  discount: money.optional(),
  shippingAmount: money.optional(),
  weightGrams: amountIn.optional().openapi({ description: "Grams, for shipping methods priced by weight" }),
  taxClassId: z.uuid().optional().openapi({ description: "The tax class (default: the shop's default class)" }),
};

export const variantInput = z.object({
  sku: sku.optional(),
  options: z.record(optionName, optionValue),
  ...variantMoney,
  stockQty: stock,
  lowStockThreshold: stock.optional(),
  active: z.boolean().optional(),
});

export const variantChanges = z
  .object({
    sku: sku.optional(),
    /** New option values: one of each of the product's options. */
    options: z.record(optionName, optionValue).optional(),
    ...variantMoney,
    stockQty: stock.optional(),
    /** Why the stock changed, kept in the variant's inventory history. */
    stockReason: stockReason.optional(),
    lowStockThreshold: stock.optional(),
    active: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, "give at least one field");

const productFields = {
  name: z.string().trim().min(1).max(200),
  slug: slug.optional(),
  description: z.string().max(10_000).optional(),
  categoryId: z.uuid().nullable().optional(),
  brandId: z.uuid().nullable().optional(),
  active: z.boolean().optional(),
  features: z.array(featureInput).max(50).optional(),
  gallery: z.array(galleryInput).max(20).optional(),
  ...variantMoney,
  lowStockThreshold: stock.optional(),
};

/**
 * A product with its options and variants in one call; without `variants` it gets its default
 * variant from the product-level money and `stockQty`.
 */
export const createProductBody = z
  .object({
    ...productFields,
    stockQty: stock.optional(),
    options: optionsInput.optional(),
    variants: z.array(variantInput).min(1).max(100).optional(),
  })
  .refine((p) => p.variants !== undefined || (p.price !== undefined && p.stockQty !== undefined), {
    message: "give price and stockQty, or variants",
    path: ["price"],
  })
  .refine((p) => p.variants !== undefined || !p.options?.length, {
    message: "a product with options needs its variants",
    path: ["variants"],
  });

/**
 * Changes a product; `features` and `gallery` replace the old ones whole, `options` too (every
 * variant must fit them: `variantOptions` gives existing variants their values under new options,
 * e.g. when a product gets its first option). The money and stock fields apply to a product with
 * one variant.
 */
export const updateProductBody = z
  .object({
    ...productFields,
    name: productFields.name.optional(),
    stockQty: stock.optional(),
    stockReason: stockReason.optional(),
    options: optionsInput.optional(),
    variantOptions: z.record(z.uuid(), z.record(optionName, optionValue)).optional(),
  })
  .refine((p) => Object.keys(p).length > 0, "give at least one field");

export const adminVariantSchema = variantSchema
  .extend(
    createSelectSchema(productVariants).pick({
      lowStockThreshold: true,
      position: true,
      weightGrams: true,
      taxClassId: true,
    }).shape,
  )
  .openapi("AdminVariant");

export const adminProductSchema = createSelectSchema(products)
  .pick({ id: true, slug: true, name: true, description: true, categoryId: true, brandId: true, active: true })
  .extend({
    currency: z.string(),
    /** The first variant's, as in the catalog: what a product with one variant is edited by. */
    price: money,
    oldPrice: money.nullable(),
    discount: money,
    shippingAmount: money,
    actualPrice: money,
    lowStockThreshold: stock,
    weightGrams: z.number().int(),
    taxClassId: z.string(),
    /** Over the active variants: their total stock and range of actual prices. */
    stockQty: z.number().int(),
    priceRange: priceRangeSchema.nullable(),
    options: z.array(optionSchema),
    variants: z.array(adminVariantSchema),
    features: z.array(featureSchema),
    gallery: z.array(imageSchema),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .openapi("AdminProduct");

export const adminProductQuery = pageQuery.extend({
  q: z.string().trim().min(1).max(200).optional(),
  minStock: intParam.optional(),
  maxStock: intParam.optional(),
  category: z.string().min(1).max(100).optional(),
  brand: z.string().min(1).max(100).optional(),
  active: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
});

export const adminProductListSchema = listSchema(adminProductSchema, "AdminProductList");

export const variantParams = z.object({ id: z.uuid(), variantId: z.uuid() });

/** One stock change of a variant: by how much, to what, why, by whom (and for which order) and when. */
export const inventoryChangeSchema = z
  .object({
    id: z.string(),
    delta: z.number().int(),
    stockAfter: z.number().int(),
    reason: z.string(),
    /** The order that took or gave back the stock; null for a staff change. */
    orderId: z.string().nullable(),
    actor: z.object({ id: z.string(), username: z.string() }).nullable(),
    at: timestamp,
  })
  .openapi("InventoryChange");

export const inventoryListSchema = listSchema(inventoryChangeSchema, "InventoryHistory");

export type CreateProduct = z.infer<typeof createProductBody>;
export type UpdateProduct = z.infer<typeof updateProductBody>;
export type VariantInput = z.infer<typeof variantInput>;
export type VariantChanges = z.infer<typeof variantChanges>;
export type AdminProduct = z.infer<typeof adminProductSchema>;
export type AdminVariant = z.infer<typeof adminVariantSchema>;
export type InventoryChange = z.infer<typeof inventoryChangeSchema>;
