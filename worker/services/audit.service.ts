import { cursorKeys, decodeCursor, pageOf } from "../lib/cursor.ts";
import type { ShopContext } from "../platform/context.ts";
import { type AuditFilter, listAudit } from "../repositories/audit.repository.ts";

/** Who changed what and when, newest first. */
export async function auditLog(ctx: ShopContext, query: AuditFilter & { limit: number; cursor?: string }) {
  const { limit, cursor, ...filter } = query;
  const rows = await listAudit(ctx.db, filter, limit + 1, cursor ? decodeCursor(cursor, cursorKeys.time) : undefined);
  return pageOf(rows, limit, (row) => [row.at, row.id]);
}
