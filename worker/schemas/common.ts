import { z } from "@hono/zod-openapi";

/** Money is an integer amount of the currency's minor unit (cents). */
export const money = z.number().int().openapi({ description: "Minor units of `currency` (cents)" });

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
