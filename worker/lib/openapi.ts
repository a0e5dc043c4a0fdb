import { z } from "@hono/zod-openapi";
import { errorSchema } from "./errors.ts";

export function jsonContent<T extends z.ZodType>(schema: T, description: string) {
  return { content: { "application/json": { schema } }, description };
}

export const errorResponses = {
  400: jsonContent(errorSchema, "The request is not valid"),
  503: jsonContent(errorSchema, "A dependency is unavailable"),
};

export const notFoundResponse = { 404: jsonContent(errorSchema, "Not found") } as const;

/** `{ items, nextCursor }`, the shape of every paginated list. */
export function listSchema<T extends z.ZodType>(item: T, name: string) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() }).openapi(name);
}

/** The bearer-token security requirement of signed-in routes. */
export const bearer = [{ bearer: [] }];

/** A required JSON request body. */
export function jsonBody<T extends z.ZodType>(schema: T) {
  return { body: { required: true, content: { "application/json": { schema } } } };
}

export const signedInOnly = { 401: jsonContent(errorSchema, "Not signed in") };
export const staffOnly = { ...signedInOnly, 403: jsonContent(errorSchema, "Not staff") };

/** `?limit=&cursor=`, the paging parameters of every list. */
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
});
