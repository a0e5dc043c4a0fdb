import { z } from "@hono/zod-openapi";
import {
  brands,
  categories,
  productFeatures,
  productImages,
  productOptions,
  productVariants,
} from "../../db/schema.ts";
import { booleanParam, intParam, listSchema, money } from "./common.ts";
import { createSelectSchema } from "./tables.ts";

export const productSorts = ["relevance", "newest", "price_asc", "price_desc", "rating"] as const;

export const ratingSummarySchema = z.object({
  average: z.number().openapi({ example: 4.25 }),
  count: z.number().int(),
});

/** An option of a product (Size, Colour…) with its values in the order shoppers see them. */
export const optionSchema = createSelectSchema(productOptions)
  .pick({ name: true, values: true })
  .openapi("ProductOption");

/** What a shopper buys: one combination of the product's option values, with its own money and stock. */
export const variantSchema = createSelectSchema(productVariants)
  .pick({
    id: true,
    sku: true,
    title: true,
    price: true,
    oldPrice: true,
    discount: true,
    shippingAmount: true,
    actualPrice: true,
    stockQty: true,
    active: true,
  })
  .extend({ options: z.record(z.string(), z.string()), inStock: z.boolean() })
  .openapi("Variant");

export const priceRangeSchema = z.object({ min: money, max: money }).openapi("PriceRange");

export const productSummarySchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    price: money,
    oldPrice: money.nullable(),
    shippingAmount: money,
    discount: money,
    actualPrice: money.openapi({ description: "price + shippingAmount − discount, computed by the database" }),
    currency: z.string().openapi({ example: "USD" }),
    stockQty: z.number().int(),
    inStock: z.boolean(),
    rating: ratingSummarySchema,
    imageUrl: z.string().nullable(),
    priceRange: priceRangeSchema,
    options: z.array(optionSchema),
    variants: z.array(variantSchema),
  })
  .openapi("ProductSummary");

export const categorySchema = createSelectSchema(categories)
  .pick({ id: true, slug: true, name: true, parentId: true })
  .openapi("Category");

export const brandSchema = createSelectSchema(brands).pick({ id: true, slug: true, name: true }).openapi("Brand");

export const featureSchema = createSelectSchema(productFeatures).pick({ name: true, value: true }).openapi("Feature");
export const imageSchema = createSelectSchema(productImages).pick({ url: true, alt: true }).openapi("Image");

/** A variant on its product's own page. */
export const variantDetailSchema = variantSchema
  .extend({
    lowestPrice30Days: money.nullable().openapi({
      description:
        "Shown with a struck-through price (a discount, or an oldPrice above price − discount): the lowest price − discount in effect during the 30 days before the current one took effect (EU Omnibus rule); null otherwise, or without an earlier price",
    }),
    salePrice: money.nullable().optional().openapi({
      description:
        "What one costs in the cart with the automatic item promotions live for everyone now (before order promotions, coupons and tax); null when none takes anything off one unit",
    }),
  })
  .openapi("VariantDetail");

export const productDetailSchema = productSummarySchema
  .extend({
    variants: z.array(variantDetailSchema),
    description: z.string(),
    category: categorySchema.nullable(),
    brand: brandSchema.nullable(),
    gallery: z.array(imageSchema),
    features: z.array(featureSchema),
    /** The automatic item promotions live for everyone now that concern this product (a sale, buy 2 get 1). */
    promotions: z
      .array(z.object({ id: z.string(), name: z.string(), endsAt: z.string().nullable() }))
      .optional()
      .openapi({ description: "Item promotions live now for everyone on this product, with when each ends" }),
  })
  .openapi("ProductDetail");

export const productParam = z.object({ idOrSlug: z.string().min(1).max(200) });
export const productListSchema = listSchema(productSummarySchema, "ProductList");
export const categoryListSchema = z.object({ items: z.array(categorySchema) }).openapi("CategoryList");
export const brandListSchema = z.object({ items: z.array(brandSchema) }).openapi("BrandList");

const price = intParam;

/**
 * The catalog's filters. Option filters (`option.<Name>=<value>`, e.g. `option.Size=M`) have names of
 * the shop's choosing, so they are read beside this schema (see `optionFilters`).
 */
export const productQuerySchema = z.object({
  q: z
    .string()
    .trim()
    .min(2)
    .max(200)
    .optional()
    .openapi({ description: "Words, prefixes allowed, one typo forgiven" }),
  category: z.string().min(1).max(100).optional(),
  brand: z.string().min(1).max(100).optional(),
  minPrice: price.optional().openapi({ description: "Inclusive bound on actualPrice" }),
  maxPrice: price.optional().openapi({ description: "Inclusive bound on actualPrice" }),
  inStock: booleanParam.optional(),
  sort: z.enum(productSorts).optional().openapi({ description: "relevance when searching, newest otherwise" }),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
});

export const suggestQuery = z.object({ q: z.string().trim().min(2).max(100) });
export const suggestionsSchema = z
  .object({
    items: z
      .array(z.object({ id: z.string(), slug: z.string(), name: z.string(), imageUrl: z.string().nullable() }))
      .max(8),
  })
  .openapi("Suggestions");

export type ProductSummary = z.infer<typeof productSummarySchema>;
export type ProductDetail = z.infer<typeof productDetailSchema>;
export type Category = z.infer<typeof categorySchema>;
export type Brand = z.infer<typeof brandSchema>;
export type ProductQuery = z.infer<typeof productQuerySchema>;
export type ProductSort = (typeof productSorts)[number];
export type Variant = z.infer<typeof variantSchema>;
export type ProductList = z.infer<typeof productListSchema>;
