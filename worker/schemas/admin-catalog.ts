import { z } from "@hono/zod-openapi";
import { products } from "../../db/schema.ts";
import { featureSchema, imageSchema } from "./catalog.ts";
import { listSchema, pageQuery, timestamp } from "./common.ts";
import { createSelectSchema } from "./tables.ts";

const money = z.number().int().nonnegative();
const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "lower-case words joined by hyphens")
  .max(120);

export const featureInput = z.object({
  name: z.string().trim().min(1).max(80),
  value: z.string().trim().min(1).max(200),
});
export const galleryInput = z.object({
  url: z.string().trim().min(1).max(500),
  alt: z.string().trim().max(200).default(""),
});

const productFields = {
  name: z.string().trim().min(1).max(200),
  slug: slug.optional(),
  description: z.string().max(10_000).optional(),
  price: money,
  oldPrice: money.nullable().optional(),
  shippingAmount: money.optional(),
  discount: money.optional(),
  stockQty: z.number().int().nonnegative(),
  lowStockThreshold: z.number().int().nonnegative().optional(),
  categoryId: z.uuid().nullable().optional(),
  brandId: z.uuid().nullable().optional(),
  active: z.boolean().optional(),
  features: z.array(featureInput).max(50).optional(),
  gallery: z.array(galleryInput).max(20).optional(),
};

export const createProductBody = z
  .object(productFields)
  .refine((p) => (p.discount ?? 0) <= p.price, { message: "the discount cannot exceed the price", path: ["discount"] });

export const updateProductBody = z
  .object({ ...productFields, price: money.optional(), stockQty: z.number().int().nonnegative().optional() })
  .partial()
  .refine((p) => Object.keys(p).length > 0, "give at least one field");

export const adminProductSchema = createSelectSchema(products)
  .pick({
    id: true,
    slug: true,
    name: true,
    description: true,
    price: true,
    oldPrice: true,
    shippingAmount: true,
    discount: true,
    actualPrice: true,
    stockQty: true,
    lowStockThreshold: true,
    categoryId: true,
    brandId: true,
    active: true,
  })
  .extend({
    currency: z.string(),
    features: z.array(featureSchema),
    gallery: z.array(imageSchema),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .openapi("AdminProduct");

export const adminProductQuery = pageQuery.extend({
  q: z.string().trim().min(1).max(200).optional(),
  minStock: z.coerce.number().int().nonnegative().optional(),
  maxStock: z.coerce.number().int().nonnegative().optional(),
  category: z.string().min(1).max(100).optional(),
  active: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
});

export const adminProductListSchema = listSchema(adminProductSchema, "AdminProductList");

export type CreateProduct = z.infer<typeof createProductBody>;
export type UpdateProduct = z.infer<typeof updateProductBody>;
export type AdminProduct = z.infer<typeof adminProductSchema>;
