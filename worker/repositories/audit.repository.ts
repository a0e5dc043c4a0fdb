import { type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { auditLog } from "../../db/schema.ts";
import type { AuditEntry as AuditView } from "../schemas/audit.ts";
import { isoTime } from "./sql.ts";

export interface AuditEntry {
  actorId: string;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

/** Records an admin mutation; call it inside the mutation's transaction. */
export async function recordAudit(db: Database, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values(entry);
}

export interface AuditFilter {
  actor?: string;
  entity?: string;
  from?: string;
  to?: string;
}

const uuidPattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";

/**
 * What an audit row is about in staff's words (Royal Kettle, Order #1042), as it is now or, once
 * deleted, as the row recorded it; each a lookup by primary key in the list's one statement.
 */
const entityName = sql`coalesce(CASE a.entity
    WHEN 'order' THEN (SELECT 'Order #' || o.number FROM orders o WHERE o.id = e.id)
    WHEN 'product' THEN (SELECT p.name FROM products p WHERE p.id = e.id)
    WHEN 'category' THEN (SELECT c.name FROM categories c WHERE c.id = e.id)
    WHEN 'brand' THEN (SELECT b.name FROM brands b WHERE b.id = e.id)
    WHEN 'coupon' THEN (SELECT c.title FROM coupons c WHERE c.id = e.id)
    WHEN 'promotion' THEN (SELECT p.name FROM promotions p WHERE p.id = e.id)
    WHEN 'user' THEN (SELECT x.username FROM users x WHERE x.id = e.id)
    WHEN 'user_coupon' THEN (SELECT uc.code FROM user_coupons uc WHERE uc.id = e.id)
    WHEN 'ratings' THEN (SELECT 'Review of ' || p.name FROM ratings r JOIN products p ON p.id = r.product_id WHERE r.id = e.id)
    WHEN 'comments' THEN (SELECT 'Comment on ' || coalesce(p.name, 'the shop') FROM comments c
      LEFT JOIN products p ON p.id = c.product_id WHERE c.id = e.id)
  END, a.after->>'name', a.before->>'name', a.after->>'title', a.before->>'title', a.after->>'code')`;

/** The audit log, newest first, keyset-paged, with each actor's username, in the API's shape. */
export async function listAudit(db: Database, filter: AuditFilter, limit: number, before?: [string, string]) {
  const conditions: SQL[] = [sql`true`];
  if (filter.actor) conditions.push(sql`a.actor_id = ${filter.actor}`);
  if (filter.entity) conditions.push(sql`a.entity = ${filter.entity}`);
  if (filter.from) conditions.push(sql`a.created_at >= ${filter.from}::timestamptz`);
  if (filter.to) conditions.push(sql`a.created_at < ${filter.to}::timestamptz`);
  if (before) conditions.push(sql`(a.created_at, a.id) < (${before[0]}::timestamptz, ${before[1]}::uuid)`);
  const result = await db.execute<AuditView>(sql`
    SELECT a.id, CASE WHEN u.id IS NULL THEN NULL ELSE json_build_object('id', u.id, 'username', u.username) END AS actor,
      a.action, a.entity, a.entity_id AS "entityId", ${entityName} AS "entityName", a.before, a.after,
      ${isoTime(sql`a.created_at`)} AS at
    FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
      CROSS JOIN LATERAL (SELECT CASE WHEN a.entity_id ~* ${uuidPattern} THEN a.entity_id::uuid END AS id) e
    WHERE ${sql.join(conditions, sql` AND `)}
    ORDER BY a.created_at DESC, a.id DESC LIMIT ${limit}`);
  return result.rows;
}
