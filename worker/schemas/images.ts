import { z } from "@hono/zod-openapi";

export const storedImageSchema = z
  .object({ url: z.string(), key: z.string(), contentType: z.string(), size: z.number().int() })
  .openapi("StoredImage");
export const imageFileParam = z.object({ file: z.string().regex(/^[0-9a-f-]{36}\.(png|jpg|gif|webp)$/) });
