import { z } from "@hono/zod-openapi";
import { adminProductSchema, stockReason } from "./admin-products.ts";
import { amountIn, largestAmount } from "./common.ts";

/** The most products one bulk action takes. */
export const maxBulkProducts = 100;

const ids = z.array(z.uuid()).min(1).max(maxBulkProducts);

/** One row of "Save all": what changed of one product (the price of a product with one variant). */
export const productRowChanges = z
  .object({
    id: z.uuid(),
    active: z.boolean().optional(),
    price: amountIn.optional(),
    /** Each variant's new stock, by variant id; the change is kept in its history with `stockReason`. */
    stock: z.record(z.uuid(), amountIn).optional(),
    stockReason: stockReason.optional(),
  })
  .openapi("ProductRowChanges");

/**
 * One action on several products: make them for sale or not, adjust the stock of each (a product
 * with one variant) by a signed number of units with a reason, or save each row's own changes.
 */
export const bulkProductsBody = z.discriminatedUnion("action", [
  z.object({ action: z.literal("activate"), ids }),
  z.object({ action: z.literal("deactivate"), ids }),
  z.object({
    action: z.literal("adjust_stock"),
    ids,
    delta: z
      .number()
      .int()
      .min(-largestAmount)
      .max(largestAmount)
      .refine((delta) => delta !== 0, "a change of at least one unit")
      .openapi({ description: "Units to add (or, below 0, take away)", example: -5 }),
    reason: stockReason,
  }),
  z.object({
    action: z.literal("update"),
    products: z
      .array(productRowChanges)
      .min(1)
      .max(maxBulkProducts)
      .refine((rows) => new Set(rows.map((row) => row.id)).size === rows.length, "each product once"),
  }),
]);

export const bulkProductOutcome = z.discriminatedUnion("ok", [
  z.object({ id: z.string(), ok: z.literal(true), product: adminProductSchema }),
  z.object({
    id: z.string(),
    ok: z.literal(false),
    name: z.string().nullable().openapi({ description: "The product's name; null for no such product" }),
    error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
  }),
]);

/** What a bulk action did to each product: the product as it is now, or why it was left as it was. */
export const bulkProductsResultSchema = z
  .object({
    action: z.enum(["activate", "deactivate", "adjust_stock", "update"]),
    results: z.array(bulkProductOutcome),
  })
  .openapi("BulkProductsResult");

export type BulkProductsInput = z.infer<typeof bulkProductsBody>;
export type BulkProductsResult = z.infer<typeof bulkProductsResultSchema>;
export type BulkProductOutcome = z.infer<typeof bulkProductOutcome>;
export type ProductRowChanges = z.infer<typeof productRowChanges>;
