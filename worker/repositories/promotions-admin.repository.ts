import { eq, type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { promotions } from "../../db/schema.ts";
import type { PromotionCodeView, PromotionView } from "../schemas/promotions.ts";
import { isoTime } from "./sql.ts";

/** A promotion's own fields as staff set them (its counts are checkout's). */
export type PromotionValues = Pick<
  PromotionView,
  | "name"
  | "method"
  | "kind"
  | "status"
  | "startsAt"
  | "endsAt"
  | "priority"
  | "combinesWith"
  | "usageLimit"
  | "perCustomerLimit"
  | "budget"
  | "conditions"
  | "action"
>;

/** What it does now: an end or a spent limit outlasts a pause, which outlasts a start still to come. */
const state = sql`CASE
    WHEN p.ends_at IS NOT NULL AND p.ends_at <= now() THEN 'ended'
    WHEN (p.usage_limit IS NOT NULL AND p.used_count >= p.usage_limit)
      OR (p.budget IS NOT NULL AND p.discount_given >= p.budget) THEN 'used_up'
    WHEN p.status = 'paused' THEN 'paused'
    WHEN p.starts_at IS NOT NULL AND p.starts_at > now() THEN 'scheduled'
    ELSE 'live' END`;

const viewColumns = sql`p.id, p.name, p.method, p.kind, p.status, ${state} AS state,
  ${isoTime(sql`p.starts_at`)} AS "startsAt", ${isoTime(sql`p.ends_at`)} AS "endsAt", p.priority,
  to_json(p.combines_with) AS "combinesWith", p.usage_limit AS "usageLimit",
  p.per_customer_limit AS "perCustomerLimit", p.budget, p.used_count AS "usedCount",
  p.discount_given AS "discountGiven",
  (SELECT count(*)::int FROM promotion_codes c WHERE c.promotion_id = p.id) AS "codeCount",
  p.conditions, p.action, ${isoTime(sql`p.created_at`)} AS "createdAt", ${isoTime(sql`p.updated_at`)} AS "updatedAt"`;

export interface PromotionFilter {
  status?: PromotionView["status"];
  method?: PromotionView["method"];
}

/** Promotions newest first, keyset-paged on the creation time (to the microsecond) and id. */
export async function listPromotions(db: Database, filter: PromotionFilter, limit: number, before?: [string, string]) {
  const where = [
    filter.status ? sql`p.status = ${filter.status}` : undefined,
    filter.method ? sql`p.method = ${filter.method}` : undefined,
    before ? sql`(p.created_at, p.id) < (${before[0]}::timestamptz, ${before[1]}::uuid)` : undefined,
  ].filter((part): part is SQL => part !== undefined);
  const result = await db.execute<PromotionView>(sql`
    SELECT ${viewColumns} FROM promotions p
    ${where.length ? sql`WHERE ${sql.join(where, sql` AND `)}` : sql``}
    ORDER BY p.created_at DESC, p.id DESC LIMIT ${limit}`);
  return result.rows;
}

/** One promotion in the API's shape; `lock` holds it until the transaction ends. */
export async function findPromotion(db: Database, id: string, lock = false): Promise<PromotionView | undefined> {
  const result = await db.execute<PromotionView>(sql`
    SELECT ${viewColumns} FROM promotions p WHERE p.id = ${id} ${lock ? sql`FOR UPDATE OF p` : sql``}`);
  return result.rows[0];
}

const instant = (iso: string | null) => (iso === null ? null : sql`${iso}::timestamptz`);

/** The table's columns for the fields given; instants kept to the microsecond the client sent. */
function columnsOf(values: Partial<PromotionValues>) {
  const { startsAt, endsAt, ...rest } = values;
  const instants: { startsAt?: SQL | null; endsAt?: SQL | null } = {};
  if (startsAt !== undefined) instants.startsAt = instant(startsAt);
  if (endsAt !== undefined) instants.endsAt = instant(endsAt);
  return { ...rest, ...instants };
}

export async function insertPromotion(db: Database, values: PromotionValues): Promise<string> {
  const [row] = await db
    .insert(promotions)
    .values({
      ...columnsOf(values),
      name: values.name,
      method: values.method,
      kind: values.kind,
      action: values.action,
    })
    .returning({ id: promotions.id });
  return row.id;
}

export async function updatePromotion(db: Database, id: string, changes: Partial<PromotionValues>) {
  await db
    .update(promotions)
    .set({ ...columnsOf(changes), updatedAt: sql`now()` })
    .where(eq(promotions.id, id));
}

/** A paused copy named "<name> (copy)", with its terms and none of its uses or codes. */
export async function insertCopy(db: Database, id: string): Promise<string | undefined> {
  const result = await db.execute<{ id: string }>(sql`
    INSERT INTO promotions (name, method, kind, status, starts_at, ends_at, priority, combines_with,
      usage_limit, per_customer_limit, budget, conditions, action)
    SELECT left(name, 113) || ' (copy)', method, kind, 'paused', starts_at, ends_at, priority, combines_with,
      usage_limit, per_customer_limit, budget, conditions, action
    FROM promotions WHERE id = ${id}
    RETURNING id`);
  return result.rows[0]?.id;
}

/** A code as stored: the SHA-256 (hex) of its upper-case text, and what staff may see of it. */
export interface StoredCode {
  hash: string;
  hint: string;
}

/**
 * Adds codes in one statement; a code whose hash is taken (by any promotion) is left out. Answers
 * the hashes added.
 */
export async function insertCodes(db: Database, promotionId: string, codes: StoredCode[], usageLimit: number | null) {
  const result = await db.execute<{ hash: string }>(sql`
    INSERT INTO promotion_codes (promotion_id, code_hash, hint, usage_limit)
    SELECT ${promotionId}, x.hash, x.hint, ${usageLimit}::int
    FROM json_to_recordset(${JSON.stringify(codes)}::json) AS x(hash text, hint text)
    ON CONFLICT (code_hash) DO NOTHING
    RETURNING code_hash AS hash`);
  return new Set(result.rows.map((row) => row.hash));
}

/** A promotion's codes, newest first, keyset-paged: their hints and uses, never the codes. */
export async function listCodes(db: Database, promotionId: string, limit: number, before?: [string, string]) {
  const result = await db.execute<PromotionCodeView>(sql`
    SELECT c.id, c.hint, c.usage_limit AS "usageLimit", c.used_count AS "usedCount",
      ${isoTime(sql`c.created_at`)} AS "createdAt"
    FROM promotion_codes c
    WHERE c.promotion_id = ${promotionId}
      ${before ? sql`AND (c.created_at, c.id) < (${before[0]}::timestamptz, ${before[1]}::uuid)` : sql``}
    ORDER BY c.created_at DESC, c.id DESC LIMIT ${limit}`);
  return result.rows;
}

/** Uses and discounts per promotion of the orders placed over [from, to), less those given back. */
export async function usageByPromotion(db: Database, from: string, to: string) {
  const result = await db.execute<{
    promotionId: string;
    name: string;
    method: PromotionView["method"];
    kind: PromotionView["kind"];
    uses: number;
    discount: string;
    shippingDiscount: string;
  }>(sql`
    SELECT p.id AS "promotionId", p.name, p.method, p.kind, count(*)::int AS uses,
      sum(u.amount)::bigint::text AS discount, sum(u.shipping_amount)::bigint::text AS "shippingDiscount"
    FROM promotion_uses u JOIN promotions p ON p.id = u.promotion_id
    WHERE u.released_at IS NULL AND u.created_at >= ${from}::date AND u.created_at < ${to}::date
    GROUP BY p.id ORDER BY sum(u.amount + u.shipping_amount) DESC, p.name, p.id`);
  return result.rows.map((row) => ({
    ...row,
    discount: Number(row.discount),
    shippingDiscount: Number(row.shippingDiscount),
  }));
}
