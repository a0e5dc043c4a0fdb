import { query, type RoutePreloadFuncArgs, type SearchParams } from "@solidjs/router";
import { type Answer, read, setOnly } from "../../lib/http.ts";
import { api, user } from "../../lib/session.ts";
import { endOfDay, startOfDay } from "../lib/dates.ts";
import { isAdmin } from "../lib/role.ts";

/* The audit log's reads (for admins): its entries, filtered, and who can have made them. */

export type AuditEntry = Answer<typeof api.admin.audit.$get>["items"][number];

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One value of the address's query (the first, if it is repeated). */
const param = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** What the log is filtered by, as the API takes it. */
export interface AuditFilters {
  actor?: string;
  entity?: string;
  from?: string;
  to?: string;
}

/** The filters the address holds (`?actor=&entity=&from=&to=`); anything malformed is no filter. */
export function auditFilters(params: SearchParams): AuditFilters {
  const actor = param(params.actor);
  const from = param(params.from);
  const to = param(params.to);
  return {
    actor: actor && uuid.test(actor) ? actor : undefined,
    entity: param(params.entity)?.trim() || undefined,
    from: from ? startOfDay(from) : undefined,
    to: to ? endOfDay(to) : undefined,
  };
}

/** A page of the log, newest first. */
export const getAuditPage = query(
  (filters: AuditFilters, cursor?: string) =>
    read(api.admin.audit.$get({ query: setOnly({ ...filters, limit: "30", cursor }) })),
  "admin-audit",
);

/** Who can act: staff and admins (customers act through the shop, not the admin API), by name. */
export const getActors = query(async () => {
  const [admins, staff] = await Promise.all([
    read(api.admin.users.$get({ query: { role: "admin", limit: "100" } })),
    read(api.admin.users.$get({ query: { role: "staff", limit: "100" } })),
  ]);
  return [...admins.items, ...staff.items].sort((a, b) => a.username.localeCompare(b.username));
}, "admin-actors");

/** /admin/audit: the log with the filters of the address, and the actors to filter by (admins only). */
export function preloadAudit(args: RoutePreloadFuncArgs) {
  if (!user() || !isAdmin()) return [];
  return [getAuditPage(auditFilters(args.location.query)), getActors()];
}

/** What changed: every field whose value differs between before and after (all of them on create or delete). */
export function changes(entry: AuditEntry): { field: string; before: unknown; after: unknown }[] {
  const before = (entry.before ?? {}) as Record<string, unknown>;
  const after = (entry.after ?? {}) as Record<string, unknown>;
  if (typeof before !== "object" || typeof after !== "object")
    return [{ field: "value", before: entry.before, after: entry.after }];
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields
    .filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
    .map((field) => ({ field, before: before[field], after: after[field] }));
}

/** Where the audited thing is managed, when the admin app has a page for it. */
export function entityLink(entry: AuditEntry): string | null {
  if (!entry.entityId) return null;
  if (entry.entity === "product" && uuid.test(entry.entityId)) return `/admin/products/${entry.entityId}`;
  if (entry.entity === "order" && uuid.test(entry.entityId)) return `/admin/orders/${entry.entityId}`;
  if (entry.entity === "category") return "/admin/categories";
  if (entry.entity === "brand") return "/admin/brands";
  if (entry.entity === "coupon" || entry.entity === "user_coupon") return "/admin/coupons";
  if (entry.entity === "promotion" && uuid.test(entry.entityId)) return `/admin/promotions/${entry.entityId}`;
  if (entry.entity === "comments" || entry.entity === "ratings") return "/admin/reviews?show=approved";
  return null;
}
