import { desc, eq, getTableColumns, sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { coupons } from "../../db/schema.ts";
import type { GrantView } from "../schemas/coupons.ts";
import { isoTime } from "./sql.ts";

export type CouponRow = typeof coupons.$inferSelect;

export type UserCouponRow = {
  id: string;
  code: string;
  coupon_id: string;
  title: string;
  kind: "percent" | "fixed";
  value: number;
  min_subtotal: number;
  max_discount: number | null;
  expires_at: string;
  remaining_uses: number;
  usable: boolean;
  expired: boolean;
  exhausted: boolean;
  active: boolean;
};

/** The columns that say whether a granted coupon can be used now, and why not. */
const userCouponColumns = sql`
  uc.id, uc.code, uc.coupon_id, c.title, c.kind, c.value, c.min_subtotal, c.max_discount,
  ${isoTime(sql`uc.expires_at`)} AS expires_at,
  least(c.per_user_limit - uc.uses, coalesce(c.usage_limit - c.used_count, c.per_user_limit - uc.uses))::int AS remaining_uses,
  uc.expires_at <= now() AS expired,
  (uc.uses >= c.per_user_limit OR (c.usage_limit IS NOT NULL AND c.used_count >= c.usage_limit)) AS exhausted,
  c.is_active AS active`;

export async function listUsableCoupons(db: Database, userId: string): Promise<UserCouponRow[]> {
  const result = await db.execute<UserCouponRow>(sql`
    SELECT ${userCouponColumns}, true AS usable
    FROM user_coupons uc JOIN coupons c ON c.id = uc.coupon_id
    WHERE uc.user_id = ${userId} AND c.is_active AND uc.expires_at > now()
      AND uc.uses < c.per_user_limit AND (c.usage_limit IS NULL OR c.used_count < c.usage_limit)
    ORDER BY uc.expires_at`);
  return result.rows;
}

export async function insertCoupon(db: Database, values: typeof coupons.$inferInsert): Promise<CouponRow> {
  const [row] = await db.insert(coupons).values(values).returning();
  return row;
}

/** Coupon definitions, newest first, keyset-paged on the creation time (to the microsecond). */
export async function listCoupons(db: Database, limit: number, before?: [string, string]) {
  return db
    .select({ ...getTableColumns(coupons), at: isoTime(sql`${coupons.createdAt}`) })
    .from(coupons)
    .where(
      before ? sql`(${coupons.createdAt}, ${coupons.id}) < (${before[0]}::timestamptz, ${before[1]}::uuid)` : undefined,
    )
    .orderBy(desc(coupons.createdAt), desc(coupons.id))
    .limit(limit);
}

export async function findCoupon(db: Database, id: string): Promise<CouponRow | undefined> {
  const [row] = await db.select().from(coupons).where(eq(coupons.id, id));
  return row;
}

export async function updateCoupon(db: Database, id: string, changes: Partial<typeof coupons.$inferInsert>) {
  const [row] = await db.update(coupons).set(changes).where(eq(coupons.id, id)).returning();
  return row;
}

export async function insertGrant(db: Database, couponId: string, userId: string, code: string) {
  const result = await db.execute<{ id: string; code: string; granted_at: string; expires_at: string }>(sql`
    INSERT INTO user_coupons (coupon_id, user_id, code, expires_at)
    SELECT id, ${userId}, ${code}, now() + valid_for FROM coupons WHERE id = ${couponId}
    RETURNING id, code,
      ${isoTime(sql`granted_at`)} AS granted_at,
      ${isoTime(sql`expires_at`)} AS expires_at`);
  return result.rows[0];
}

/** A coupon's grants with whose they are, newest first, keyset-paged, in the API's shape. */
export async function listGrants(db: Database, couponId: string, limit: number, before?: [string, string]) {
  const result = await db.execute<GrantView>(sql`
    SELECT uc.id, uc.code, uc.user_id AS "userId", u.username, ${isoTime(sql`uc.granted_at`)} AS "grantedAt",
      ${isoTime(sql`uc.expires_at`)} AS "expiresAt", uc.uses
    FROM user_coupons uc JOIN users u ON u.id = uc.user_id
    WHERE uc.coupon_id = ${couponId}
      ${before ? sql`AND (uc.granted_at, uc.id) < (${before[0]}::timestamptz, ${before[1]}::uuid)` : sql``}
    ORDER BY uc.granted_at DESC, uc.id DESC LIMIT ${limit}`);
  return result.rows;
}

/** The scheduled purge: granted coupons that expired or are used up. */
export async function purgeSpentGrants(db: Database): Promise<number> {
  const result = await db.execute(sql`
    DELETE FROM user_coupons uc USING coupons c
    WHERE c.id = uc.coupon_id AND (uc.expires_at <= now() OR uc.uses >= c.per_user_limit)
      AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.user_coupon_id = uc.id AND o.status = 'pending_payment')`);
  return result.rowCount ?? 0;
}
