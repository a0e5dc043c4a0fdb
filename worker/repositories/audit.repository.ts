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
      a.action, a.entity, a.entity_id AS "entityId", a.before, a.after, ${isoTime(sql`a.created_at`)} AS at
    FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
    WHERE ${sql.join(conditions, sql` AND `)}
    ORDER BY a.created_at DESC, a.id DESC LIMIT ${limit}`);
  return result.rows;
}
