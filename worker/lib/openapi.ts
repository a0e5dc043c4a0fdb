import { z } from "@hono/zod-openapi";
import { errorSchema } from "./errors.ts";

export function jsonContent<T extends z.ZodType>(schema: T, description: string) {
  return { content: { "application/json": { schema } }, description };
}

export const errorResponses = {
  400: jsonContent(errorSchema, "The request is not valid"),
  503: jsonContent(errorSchema, "A dependency is unavailable"),
} as const;

export const notFoundResponse = { 404: jsonContent(errorSchema, "Not found") } as const;

/** `{ items, nextCursor }`, the shape of every paginated list. */
export function listSchema<T extends z.ZodType>(item: T, name: string) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() }).openapi(name);
}
