import { z } from "@hono/zod-openapi";

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "lower-case words joined by hyphens")
  .max(120);
const name = z.string().trim().min(1).max(100);

export const categoryBody = z.object({ name, slug: slug.optional(), parentId: z.uuid().nullable().optional() });
export const categoryChanges = categoryBody
  .partial()
  .refine((v) => Object.keys(v).length > 0, "give at least one field");

export const brandBody = z.object({ name, slug: slug.optional() }).strict();
export const brandChanges = brandBody.partial().refine((v) => Object.keys(v).length > 0, "give at least one field");
