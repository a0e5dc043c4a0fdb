import { sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import type { AdminProduct } from "../schemas/admin-products.ts";
import { largestAmount } from "../schemas/common.ts";
import { adminColumns } from "./admin-products.repository.ts";

/*
 * The SQL of bulk actions on products. Each change is one conditional statement that also writes
 * the audit row of every product it changed (its `before`, read in the same statement), under an id
 * made by the caller; `completeAuditStatement`, later in the same batch, gives those rows their `after`.
 */

/** Each product an action names, with the id of the audit row it gets if the action changes it. */
export type Targets = { productId: string; auditId: string }[];

export interface BulkActor {
  actorId: string;
  currency: string;
}

const targetRows = (targets: Targets) => sql`(
  SELECT (t ->> 'productId')::uuid AS product_id, (t ->> 'auditId')::uuid AS audit_id
  FROM jsonb_array_elements(${JSON.stringify(targets)}::jsonb) t)`;

/** The audit rows of the products changed (`changed`: product_id, audit_id), with the product as it was. */
const auditBefore = (actor: BulkActor) => sql`
  INSERT INTO audit_log (id, actor_id, action, entity, entity_id, before)
  SELECT changed.audit_id, ${actor.actorId}, 'product.update', 'product', changed.product_id::text,
    (SELECT to_jsonb(view) FROM (SELECT ${adminColumns(actor.currency)} FROM products p WHERE p.id = changed.product_id) view)
  FROM changed`;

/** Puts the named products up for sale (or takes them off) where they are not already; answers those changed. */
export const setActiveStatement = (db: Database, targets: Targets, active: boolean, actor: BulkActor) =>
  db.execute<{ id: string }>(sql`
    WITH changed AS (
      UPDATE products p SET is_active = ${active}, updated_at = now()
      FROM ${targetRows(targets)} t WHERE p.id = t.product_id AND p.is_active <> ${active}
      RETURNING p.id AS product_id, t.audit_id
    ), audited AS (${auditBefore(actor)})
    SELECT product_id AS id FROM changed`);

/**
 * Adds `delta` units to the stock of each named product that has one variant, where the stock stays
 * within 0 and the largest count (checked on the row as it is when updated, so concurrent changes
 * never take it below 0), recording each change in the inventory history; answers those changed.
 */
export const adjustStockStatement = (
  db: Database,
  targets: Targets,
  change: { delta: number; reason: string },
  actor: BulkActor,
) =>
  db.execute<{ id: string }>(sql`
    WITH changed AS (
      UPDATE product_variants v SET stock_qty = v.stock_qty + ${change.delta}, updated_at = now()
      FROM ${targetRows(targets)} t
      WHERE v.product_id = t.product_id
        AND v.stock_qty + ${change.delta} BETWEEN 0 AND ${largestAmount}
        AND NOT EXISTS (SELECT 1 FROM product_variants w WHERE w.product_id = v.product_id AND w.id <> v.id)
      RETURNING v.id, v.product_id, v.stock_qty, t.audit_id
    ), history AS (
      INSERT INTO inventory_changes (variant_id, delta, stock_after, reason, actor_id)
      SELECT id, ${change.delta}, stock_qty, ${change.reason}, ${actor.actorId} FROM changed
    ), audited AS (${auditBefore(actor)})
    SELECT product_id AS id FROM changed`);

/** Gives the audit rows `auditIds` (those written earlier in the batch) the product as it is now. */
export const completeAuditStatement = (db: Database, auditIds: string[], currency: string) =>
  db.execute(sql`
    UPDATE audit_log a SET after = (SELECT to_jsonb(view)
      FROM (SELECT ${adminColumns(currency)} FROM products p WHERE p.id = a.entity_id::uuid) view)
    WHERE a.id IN (SELECT jsonb_array_elements_text(${JSON.stringify(auditIds)}::jsonb)::uuid)`);

/** Each of the products `ids` name, as staff see it, in one statement (to run last in a batch). */
export const adminProductsStatement = (db: Database, ids: string[], currency: string) =>
  db.execute<AdminProduct>(sql`
    SELECT ${adminColumns(currency)} FROM products p
    WHERE p.id IN (SELECT jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::uuid)`);
