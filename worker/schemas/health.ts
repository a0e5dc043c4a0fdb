import { z } from "@hono/zod-openapi";

const part = z.enum(["ok", "down"]);
export const healthSchema = z.object({ status: z.enum(["ok", "degraded"]), db: part, redis: part }).openapi("Health");
export type Health = z.infer<typeof healthSchema>;
