import { z } from "@hono/zod-openapi";
import { isoDateTime, listSchema, pageQuery, timestamp } from "./common.ts";

export const auditQuery = pageQuery.extend({
  actor: z.uuid().optional(),
  entity: z.string().trim().min(1).max(50).optional(),
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
});

/** Who changed what and when, with the entity before and after. */
export const auditEntrySchema = z
  .object({
    id: z.string(),
    actor: z.object({ id: z.string(), username: z.string() }).nullable(),
    action: z.string(),
    entity: z.string(),
    entityId: z.string().nullable(),
    /** What the entry is about in words (a product's name, "Order #1042"), or null when nothing names it. */
    entityName: z.string().nullable(),
    before: z.unknown(),
    after: z.unknown(),
    at: timestamp,
  })
  .openapi("AuditEntry");

export const auditListSchema = listSchema(auditEntrySchema, "AuditLog");
export type AuditEntry = z.infer<typeof auditEntrySchema>;
