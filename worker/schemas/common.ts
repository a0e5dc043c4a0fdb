import { z } from "@hono/zod-openapi";
import { maxOrderAmount } from "../domain/limits.ts";

/** Money is an integer amount of the currency's minor unit (cents). */
export const money = z.number().int().openapi({ description: "Minor units of `currency` (cents)" });

/**
 * The largest amount or count the shop takes in: an actual price (price + shipping − discount) and
 * every sum of a few of them still fit the 32-bit columns that hold them.
 */
export const largestAmount = maxOrderAmount;
const largestInt32 = 2_147_483_647;

/** An amount of money in minor units, or a count (stock, uses), as a request gives it. */
export const amountIn = z.number().int().nonnegative().max(largestAmount);

/** A whole number in a query string, bounded by the 32-bit columns it is compared with. */
export const intParam = z.coerce.number().int().nonnegative().max(largestInt32);

/** ISO 8601 instants and days in requests; Postgres has no year 0. */
const fromYearOne = (value: string) => !value.startsWith("0000");
export const isoDateTime = z.iso.datetime().refine(fromYearOne, "a year from 0001");
export const isoDate = z.iso.date().refine(fromYearOne, "a year from 0001");

export const idParam = z.object({ id: z.uuid() });
export const productIdParam = z.object({ productId: z.uuid() });

/** `?limit=&cursor=`, the paging parameters of every list. */
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
});

/** `{ items, nextCursor }`, the shape of every paginated list. */
export function listSchema<T extends z.ZodType>(item: T, name: string) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() }).openapi(name);
}

/** `true`/`false` (and `1`/`0`) as a query parameter. */
export const booleanParam = z.enum(["true", "false", "1", "0"]).transform((value) => value === "true" || value === "1");

/** A timestamp as the API writes it: ISO 8601 UTC. */
export const timestamp = z.string().openapi({ example: "2026-12-01T10:00:00.000000Z" });
