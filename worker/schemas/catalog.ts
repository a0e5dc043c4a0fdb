import { z } from "@hono/zod-openapi";

export const productSorts = ["newest", "price_asc", "price_desc", "rating"] as const;

const money = z.number().int().openapi({ description: "Minor units of `currency` (cents)" });

export const ratingSummarySchema = z.object({
  average: z.number().openapi({ example: 4.25 }),
  count: z.number().int(),
});

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
  })
  .openapi("ProductSummary");

export const categorySchema = z
  .object({ id: z.string(), slug: z.string(), name: z.string(), parentId: z.string().nullable() })
  .openapi("Category");

export const brandSchema = z.object({ id: z.string(), slug: z.string(), name: z.string() }).openapi("Brand");

export const productDetailSchema = productSummarySchema
  .extend({
    description: z.string(),
    category: categorySchema.nullable(),
    brand: brandSchema.nullable(),
    gallery: z.array(z.object({ url: z.string(), alt: z.string() })),
    features: z.array(z.object({ name: z.string(), value: z.string() })),
  })
  .openapi("ProductDetail");

const boolParam = z.enum(["true", "false", "1", "0"]).transform((value) => value === "true" || value === "1");
const price = z.coerce.number().int().nonnegative();

export const productQuerySchema = z.object({
  q: z.string().trim().min(1).max(200).optional(),
  category: z.string().min(1).max(100).optional(),
  brand: z.string().min(1).max(100).optional(),
  minPrice: price.optional().openapi({ description: "Inclusive bound on actualPrice" }),
  maxPrice: price.optional().openapi({ description: "Inclusive bound on actualPrice" }),
  inStock: boolParam.optional(),
  sort: z.enum(productSorts).default("newest"),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
});

export type ProductSummary = z.infer<typeof productSummarySchema>;
export type ProductDetail = z.infer<typeof productDetailSchema>;
export type Category = z.infer<typeof categorySchema>;
export type Brand = z.infer<typeof brandSchema>;
export type ProductQuery = z.infer<typeof productQuerySchema>;
export type ProductSort = (typeof productSorts)[number];
export interface ProductList {
  items: ProductSummary[];
  nextCursor: string | null;
}
