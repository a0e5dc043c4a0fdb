import type { z } from "@hono/zod-openapi";
import { errorSchema } from "./errors.ts";

/** The route helpers' building blocks: JSON content, a JSON body, and the common error answers. */

export function jsonContent<T extends z.ZodType>(schema: T, description: string) {
  return { content: { "application/json": { schema } }, description };
}

export const errorResponses = {
  400: jsonContent(errorSchema, "The request is not valid"),
  503: jsonContent(errorSchema, "A dependency is unavailable"),
};

export const notFound = { 404: jsonContent(errorSchema, "Not found") };

/** A route's rate limit (429 with Retry-After past it). */
export const tooMany = { 429: jsonContent(errorSchema, "Too many requests (see Retry-After)") };

export const conflict = (codes: string) => ({ 409: jsonContent(errorSchema, codes) });

/** A required JSON request body. */
export function jsonBody<T extends z.ZodType>(schema: T) {
  return { body: { required: true, content: { "application/json": { schema } } } };
}
