import { z } from "@hono/zod-openapi";

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

export const adminProductSchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    description: z.string(),
    price: z.number().int(),
    oldPrice: z.number().int().nullable(),
    shippingAmount: z.number().int(),
    discount: z.number().int(),
    actualPrice: z.number().int(),
    currency: z.string(),
    stockQty: z.number().int(),
    lowStockThreshold: z.number().int(),
    categoryId: z.string().nullable(),
    brandId: z.string().nullable(),
    active: z.boolean(),
    features: z.array(z.object({ name: z.string(), value: z.string() })),
    gallery: z.array(z.object({ url: z.string(), alt: z.string() })),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("AdminProduct");

export const taxonomyBody = z.object({
  name: z.string().trim().min(1).max(100),
  slug: slug.optional(),
  parentId: z.uuid().nullable().optional(),
});

export type CreateProduct = z.infer<typeof createProductBody>;
export type UpdateProduct = z.infer<typeof updateProductBody>;
export type AdminProduct = z.infer<typeof adminProductSchema>;
