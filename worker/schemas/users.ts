import { z } from "@hono/zod-openapi";
import { users } from "../../db/schema.ts";
import { roles, userSchema } from "./auth.ts";
import { pageQuery, timestamp } from "./common.ts";
import { createSelectSchema } from "./tables.ts";

export const adminUserSchema = userSchema
  .extend({ ...createSelectSchema(users).pick({ active: true }).shape, createdAt: timestamp })
  .openapi("AdminUser");

export const userQuery = pageQuery.extend({
  q: z.string().trim().min(1).max(100).optional(),
  role: z.enum(roles).optional(),
});

export const createUserBody = z.object({
  username: z.string().min(3).max(254),
  password: z.string().min(8).max(128),
  role: z.enum(roles),
  verified: z.boolean().optional(),
});

export const changeUserBody = z
  .object({ role: z.enum(roles).optional(), active: z.boolean().optional() })
  .refine((v) => v.role !== undefined || v.active !== undefined, "Give a role or active");

/** A customer as staff find them, to grant a coupon or look at their orders. */
export const customerSchema = z
  .object({ id: z.string(), username: z.string(), displayName: z.string().nullable(), createdAt: timestamp })
  .openapi("Customer");

export const customerQuery = pageQuery.extend({ q: z.string().trim().min(1).max(100).optional() });

export type AdminUser = z.infer<typeof adminUserSchema>;
