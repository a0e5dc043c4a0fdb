import { sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { largestAmount } from "../schemas/common.ts";
import type { PriceHistoryEntry, PriceSchedule } from "../schemas/price-schedules.ts";
import { isoTime } from "./sql.ts";

/** A schedule `s` (with its author `u`) in the API's shape. */
const scheduleColumns = sql`
  s.id, s.variant_id AS "variantId", s.price, s.old_price AS "oldPrice", s.discount,
  ${isoTime(sql`s.starts_at`)} AS "startsAt", ${isoTime(sql`s.applied_at`)} AS "appliedAt",
  CASE WHEN u.id IS NULL THEN NULL ELSE json_build_object('id', u.id, 'username', u.username) END AS "createdBy",
  ${isoTime(sql`s.created_at`)} AS "createdAt"`;

export interface NewPriceSchedule {
  variantId: string;
  price: number;
  oldPrice: number | null;
  discount: number;
  startsAt: string;
  actorId: string;
}

/**
 * Schedules a change with its audit row in one statement. `fits` is null when there is no such
 * variant, false when the new price with the variant's shipping would pass what the shop takes in
 * (the variant's own check would refuse it when the job applies it); then nothing is written.
 */
export async function insertPriceSchedule(db: Database, input: NewPriceSchedule) {
  const result = await db.execute<{ fits: boolean | null; schedule: PriceSchedule | null }>(sql`
    WITH variant AS (
      SELECT id, product_id, ${input.price}::bigint + shipping_amount - ${input.discount}::bigint <= ${largestAmount} AS fits
      FROM product_variants WHERE id = ${input.variantId}
    ), schedule AS (
      INSERT INTO variant_price_schedules (variant_id, price, old_price, discount, starts_at, created_by)
      SELECT id, ${input.price}, ${input.oldPrice}, ${input.discount}, ${input.startsAt}::timestamptz, ${input.actorId}
      FROM variant WHERE fits
      RETURNING *
    ), view AS (
      SELECT ${scheduleColumns} FROM schedule s LEFT JOIN users u ON u.id = s.created_by
    ), audit AS (
      INSERT INTO audit_log (actor_id, action, entity, entity_id, before, after)
      SELECT ${input.actorId}, 'price_schedule.create', 'product', variant.product_id::text, NULL, to_jsonb(view)
      FROM view, variant
    )
    SELECT (SELECT fits FROM variant) AS fits, (SELECT to_jsonb(view) FROM view) AS schedule`);
  return result.rows[0] ?? { fits: null, schedule: null };
}

/**
 * Cancels a pending schedule with its audit row, in one statement: `found` says it existed, `deleted`
 * that it was still pending (the delete's condition holds against a job applying it at the same time).
 */
export async function deletePendingSchedule(db: Database, id: string, actorId: string) {
  const result = await db.execute<{ found: boolean; deleted: boolean }>(sql`
    WITH target AS (
      SELECT ${scheduleColumns}, v.product_id AS "productId"
      FROM variant_price_schedules s JOIN product_variants v ON v.id = s.variant_id
        LEFT JOIN users u ON u.id = s.created_by
      WHERE s.id = ${id}
    ), gone AS (
      DELETE FROM variant_price_schedules WHERE id = ${id} AND applied_at IS NULL RETURNING id
    ), audit AS (
      INSERT INTO audit_log (actor_id, action, entity, entity_id, before, after)
      SELECT ${actorId}, 'price_schedule.delete', 'product', t."productId"::text, to_jsonb(t) - 'productId', NULL
      FROM target t JOIN gone ON gone.id = t.id
    )
    SELECT EXISTS (SELECT 1 FROM target) AS found, EXISTS (SELECT 1 FROM gone) AS deleted`);
  return result.rows[0] as { found: boolean; deleted: boolean };
}

export const variantExistsStatement = (db: Database, variantId: string) =>
  db.execute<{ found: number }>(sql`SELECT 1 AS found FROM product_variants WHERE id = ${variantId}`);

/** A variant's schedules, the latest start first (so the pending ones lead), keyset-paged. */
export const priceSchedulesStatement = (db: Database, variantId: string, limit: number, before?: [string, string]) =>
  db.execute<PriceSchedule>(sql`
    SELECT ${scheduleColumns}
    FROM variant_price_schedules s LEFT JOIN users u ON u.id = s.created_by
    WHERE s.variant_id = ${variantId}
      ${before ? sql`AND (s.starts_at, s.id) < (${before[0]}::timestamptz, ${before[1]}::uuid)` : sql``}
    ORDER BY s.starts_at DESC, s.id DESC LIMIT ${limit}`);

/** A variant's selling prices, newest first, keyset-paged. */
export const priceHistoryStatement = (db: Database, variantId: string, limit: number, before?: [string, string]) =>
  db.execute<PriceHistoryEntry>(sql`
    SELECT h.id, h.price, ${isoTime(sql`h.changed_at`)} AS "changedAt"
    FROM variant_price_history h
    WHERE h.variant_id = ${variantId}
      ${before ? sql`AND (h.changed_at, h.id) < (${before[0]}::timestamptz, ${before[1]}::uuid)` : sql``}
    ORDER BY h.changed_at DESC, h.id DESC LIMIT ${limit}`);

/**
 * Applies every due schedule once, in one statement, and audits each change of a variant. The due
 * rows are locked in id order, so two runs at once never deadlock: the second waits for the first,
 * then finds them applied (the condition is checked again on the row it waited for) and skips them.
 * Of several due for one variant, the latest start wins; the others are marked applied with it.
 * A schedule whose price no longer fits with the variant's shipping stays pending, so it never
 * blocks the others. The history row of each change is written by the variant's trigger.
 */
export async function applyDueSchedules(db: Database) {
  const result = await db.execute<{ scheduleIds: string[]; productIds: string[] }>(sql`
    WITH due AS (
      UPDATE variant_price_schedules s SET applied_at = now()
      WHERE s.applied_at IS NULL AND s.id IN (
        SELECT d.id FROM variant_price_schedules d JOIN product_variants v ON v.id = d.variant_id
        WHERE d.applied_at IS NULL AND d.starts_at <= now()
          AND d.price::bigint + v.shipping_amount - d.discount <= ${largestAmount}
        ORDER BY d.id FOR UPDATE OF d)
      RETURNING s.id, s.variant_id, s.price, s.old_price, s.discount, s.starts_at
    ), latest AS (
      SELECT DISTINCT ON (variant_id) * FROM due ORDER BY variant_id, starts_at DESC, id DESC
    ), changed AS (
      UPDATE product_variants v
      SET price = l.price, old_price = l.old_price, discount = l.discount, updated_at = now()
      FROM latest l, product_variants was
      WHERE v.id = l.variant_id AND was.id = v.id
      RETURNING v.id AS variant_id, v.product_id, l.id AS schedule_id,
        jsonb_build_object('variantId', v.id, 'price', was.price, 'oldPrice', was.old_price, 'discount', was.discount) AS before,
        jsonb_build_object('variantId', v.id, 'scheduleId', l.id, 'price', l.price, 'oldPrice', l.old_price,
          'discount', l.discount) AS after
    ), audit AS (
      INSERT INTO audit_log (actor_id, action, entity, entity_id, before, after)
      SELECT NULL, 'price_schedule.apply', 'product', product_id::text, before, after FROM changed
    )
    SELECT coalesce((SELECT json_agg(id) FROM due), '[]') AS "scheduleIds",
      coalesce((SELECT json_agg(DISTINCT product_id) FROM changed), '[]') AS "productIds"`);
  return result.rows[0] as { scheduleIds: string[]; productIds: string[] };
}
