import { type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import type { UserCouponRow } from "./coupons.repository.ts";
import { isoTime } from "./sql.ts";

/** A promotion as pricing reads it, with what its limits and the shopper's uses allow now. */
export interface PromotionRow {
  id: string;
  name: string;
  method: "automatic" | "code";
  kind: "item" | "order" | "shipping";
  priority: number;
  combinesWith: ("item" | "order" | "shipping")[];
  conditions: Record<string, unknown>;
  action: Record<string, unknown>;
  startsAt: string | null;
  endsAt: string | null;
  /** When staff last changed it: checkout counts a use only of the terms it priced with. */
  updatedAt: string;
  /** The code the shopper gave, when it is one of this promotion's. */
  codeId: string | null;
  active: boolean;
  started: boolean;
  ended: boolean;
  /** Its overall limit, its code's limit and its budget leave room. */
  available: boolean;
  /** The shopper has not reached its per-customer limit. */
  customerMayUse: boolean;
  budgetLeft: number | null;
}

/** Everything promotions need to price a cart: the live ones, the code's, the coupon's, the shopper's first order. */
export interface Offers {
  promotions: PromotionRow[];
  coupon: UserCouponRow | null;
  /** The code the shopper gave (from the request, or kept on their cart). */
  code: string | null;
  firstOrder: boolean;
}

/** Who is shopping: an account, a guest known by email, or nobody known yet. */
export type Customer = { userId: string } | { guestEmail: string } | null;

/**
 * How uses are counted per customer: the account's id; for a guest, the id of the account that holds
 * their email, if one does (an account holder checking out as a guest is still the same customer),
 * else `guest:` and the lower-cased email.
 */
export const customerKeyOf = (customer: Customer): SQL =>
  customer === null
    ? sql`NULL::text`
    : "userId" in customer
      ? sql`${customer.userId}::text`
      : sql`coalesce((SELECT id::text FROM users WHERE email = ${customer.guestEmail}), ${`guest:${customer.guestEmail}`})`;

const normalised = (code: SQL) => sql`upper(btrim(${code}))`;

/**
 * The offers for a shopper in one statement: automatic promotions that are active and not over
 * (those still to start included, so the cart knows when it changes), the promotion whose code was
 * given (whatever its state, to say why it does not apply), and the granted coupon of that code.
 * The code is the one given, or else the one kept on the account's cart.
 */
export const offersStatement = (db: Database, customer: Customer, givenCode?: string | null) => {
  const userId = customer && "userId" in customer ? customer.userId : null;
  const guestEmail = customer && "guestEmail" in customer ? customer.guestEmail : null;
  const code = givenCode
    ? sql`${givenCode}::text`
    : userId
      ? sql`(SELECT promotion_code FROM carts WHERE user_id = ${userId})`
      : sql`NULL::text`;
  return db.execute<{ offers: Offers }>(sql`
    WITH given AS (SELECT ${code} AS code),
    found AS (
      SELECT p.*, pc.id AS code_id, pc.usage_limit AS code_limit, pc.used_count AS code_used
      FROM promotions p
      LEFT JOIN promotion_codes pc ON pc.promotion_id = p.id
        AND pc.code_hash = encode(sha256(convert_to(${normalised(sql`(SELECT code FROM given)`)}, 'UTF8')), 'hex')
      WHERE (p.method = 'automatic' AND p.status = 'active' AND (p.ends_at IS NULL OR p.ends_at > now()))
        OR pc.id IS NOT NULL
    )
    SELECT json_build_object(
      'promotions', coalesce((SELECT json_agg(json_build_object(
        'id', f.id, 'name', f.name, 'method', f.method, 'kind', f.kind, 'priority', f.priority,
        'combinesWith', f.combines_with, 'conditions', f.conditions, 'action', f.action,
        'startsAt', ${isoTime(sql`f.starts_at`)}, 'endsAt', ${isoTime(sql`f.ends_at`)},
        'updatedAt', ${isoTime(sql`f.updated_at`)}, 'codeId', f.code_id,
        'active', f.status = 'active', 'started', f.starts_at IS NULL OR f.starts_at <= now(),
        'ended', f.ends_at IS NOT NULL AND f.ends_at <= now(),
        'available', (f.usage_limit IS NULL OR f.used_count < f.usage_limit)
          AND (f.budget IS NULL OR f.discount_given < f.budget)
          AND (f.code_limit IS NULL OR f.code_used < f.code_limit),
        'customerMayUse', f.per_customer_limit IS NULL OR coalesce((SELECT uses FROM promotion_customers
          WHERE promotion_id = f.id AND customer_key = ${customerKeyOf(customer)}), 0) < f.per_customer_limit,
        'budgetLeft', f.budget - f.discount_given) ORDER BY f.priority DESC, f.id) FROM found f), '[]'),
      'coupon', (SELECT row_to_json(uc) FROM (
        SELECT uc.id, uc.code, uc.coupon_id, c.title, c.kind, c.value, c.min_subtotal, c.max_discount,
          ${isoTime(sql`uc.expires_at`)} AS expires_at, uc.expires_at <= now() AS expired,
          (uc.uses >= c.per_user_limit OR (c.usage_limit IS NOT NULL AND c.used_count >= c.usage_limit)) AS exhausted,
          c.is_active AS active, false AS usable, 0 AS remaining_uses
        FROM user_coupons uc JOIN coupons c ON c.id = uc.coupon_id
        WHERE uc.user_id = ${userId} AND uc.code = (SELECT btrim(code) FROM given)) uc),
      'code', (SELECT code FROM given),
      'firstOrder', NOT EXISTS (SELECT 1 FROM orders o WHERE o.status <> 'canceled' AND
        ${
          userId
            ? sql`o.user_id = ${userId}`
            : guestEmail
              ? sql`(o.guest_email = ${guestEmail} OR o.user_id = (SELECT id FROM users WHERE email = ${guestEmail}))`
              : sql`false`
        })
    ) AS offers`);
};

/** One promotion an order takes: what it takes off the goods and shipping, by which code, for whom. */
export interface PromotionTaken {
  customer: Customer;
  promotionId: string;
  /** The version of its terms checkout priced with (staff's last change). */
  updatedAt: string;
  codeId: string | null;
  amount: number;
  shippingAmount: number;
}

/**
 * Counts one use of a promotion inside checkout's write batch, with conditional updates: it must
 * still be active, within its dates and unchanged since checkout read it, within its overall limit,
 * its budget (for this amount), its code's limit and the customer's limit (one use at most of a
 * first-order promotion); otherwise the batch gives up with `promotion_changed` (checkout then
 * prices again as the promotions are now). Counting a use is not a change of its terms: it leaves
 * `updated_at` alone, so checkouts racing for one promotion do not refuse each other.
 */
export const takePromotionStatement = (db: Database, taken: PromotionTaken) =>
  db.execute(sql`
    WITH counted AS (
      UPDATE promotions p SET used_count = p.used_count + 1,
        discount_given = p.discount_given + ${taken.amount + taken.shippingAmount}
      WHERE p.id = ${taken.promotionId} AND p.status = 'active'
        AND p.updated_at = ${taken.updatedAt}::timestamptz
        AND (p.starts_at IS NULL OR p.starts_at <= now()) AND (p.ends_at IS NULL OR p.ends_at > now())
        AND (p.usage_limit IS NULL OR p.used_count < p.usage_limit)
        AND (p.budget IS NULL OR p.discount_given + ${taken.amount + taken.shippingAmount} <= p.budget)
      RETURNING p.id
    ), code AS (
      UPDATE promotion_codes pc SET used_count = pc.used_count + 1
      FROM counted WHERE pc.id = ${taken.codeId}::uuid AND pc.promotion_id = counted.id
        AND (pc.usage_limit IS NULL OR pc.used_count < pc.usage_limit)
      RETURNING 1
    ), customer AS (
      INSERT INTO promotion_customers AS c (promotion_id, customer_key, uses)
      SELECT counted.id, ${customerKeyOf(taken.customer)}, 1 FROM counted
      ON CONFLICT (promotion_id, customer_key) DO UPDATE SET uses = c.uses + 1
        WHERE c.uses < coalesce((SELECT coalesce(per_customer_limit,
          CASE WHEN (conditions->'customer'->>'firstOrder')::boolean THEN 1 END) FROM promotions WHERE id = c.promotion_id),
          2147483647)
      RETURNING 1
    )
    SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM counted)
        OR NOT EXISTS (SELECT 1 FROM customer)
        OR (${taken.codeId}::uuid IS NOT NULL AND NOT EXISTS (SELECT 1 FROM code))
      THEN royal_refuse('promotion_changed', json_build_object('promotionId', ${taken.promotionId}::uuid)) END`);

/** Records the promotions the order just inserted (found by `orderWhere`) took, counted for `customer`. */
export const recordUsesStatement = (db: Database, orderWhere: SQL, customer: Customer, uses: PromotionTaken[]) =>
  db.execute(sql`
    INSERT INTO promotion_uses (promotion_id, order_id, customer_key, code_id, amount, shipping_amount)
    SELECT x.promotion_id, o.id, ${customerKeyOf(customer)}, x.code_id, x.amount, x.shipping_amount
    FROM orders o, json_to_recordset(${JSON.stringify(
      uses.map((u) => ({
        promotion_id: u.promotionId,
        code_id: u.codeId,
        amount: u.amount,
        shipping_amount: u.shippingAmount,
      })),
    )}::json) AS x(promotion_id uuid, code_id uuid, amount int, shipping_amount int)
    WHERE ${orderWhere}`);

/** Keeps (or with null, forgets) the promotion code on the shopper's cart, creating the cart on first use. */
export const setCartCodeStatement = (db: Database, userId: string, code: string | null) =>
  db.execute(sql`
    INSERT INTO carts (user_id, version, promotion_code) VALUES (${userId}, 1, ${code})
    ON CONFLICT (user_id) DO UPDATE SET version = carts.version + 1, promotion_code = EXCLUDED.promotion_code,
      updated_at = now()`);
