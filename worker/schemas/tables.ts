import { z } from "@hono/zod-openapi";
import { createSchemaFactory } from "drizzle-zod";

/**
 * Schemas derived from the drizzle tables, made with the OpenAPI-aware zod so they can carry
 * their OpenAPI names: a shape that is a table is written once, in db/schema.ts.
 */
export const { createSelectSchema, createInsertSchema, createUpdateSchema } = createSchemaFactory({
  zodInstance: z,
});
