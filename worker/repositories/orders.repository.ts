import { type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import type { ShippingAddress } from "../../db/schema.ts";
import type { OrderStatus } from "../domain/order-status.ts";
import type { AdminOrder } from "../schemas/orders.ts";
import { containing, isoTime } from "./sql.ts";

export type ReservedLine = {
  product_id: string;
  name: string;
  unit_price: number;
  shipping_amount: number;
  quantity: number;
  stock_qty: number;
  low_stock_threshold: number;
};

/** An order as the API answers it, read in that shape; with the request hash its idempotency compares. */
export type OrderRow = AdminOrder & { requestHash: string };

const orderColumns = sql`
  o.id, o.user_id AS "userId", (SELECT username FROM users WHERE id = o.user_id) AS username, o.status, o.currency,
  o.subtotal, o.discount, o.tax, o.shipping, o.total, o.coupon_code AS "couponCode",
  o.shipping_address AS "shippingAddress", o.request_hash AS "requestHash",
  ${isoTime(sql`o.created_at`)} AS "createdAt", ${isoTime(sql`o.expires_at`)} AS "expiresAt",
  coalesce((SELECT json_agg(json_build_object('productId', i.product_id, 'name', i.name, 'quantity', i.quantity,
      'unitPrice', i.unit_price, 'lineTotal', i.line_total) ORDER BY i.name) FROM order_items i WHERE i.order_id = o.id), '[]') AS items,
  coalesce((SELECT json_agg(json_build_object('status', e.status, 'at', ${isoTime(sql`e.created_at`)}, 'actor', e.actor_kind, 'note', e.note)
      ORDER BY e.created_at, e.id) FROM order_events e WHERE e.order_id = o.id), '[]') AS events`;

/** Serialises requests that share an idempotency key until the first one commits. */
export async function lockIdempotencyKey(db: Database, userId: string, key: string): Promise<void> {
  await db.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`${userId}:${key}`}, 0))`);
}

export async function findOrderByKey(db: Database, userId: string, key: string): Promise<OrderRow | undefined> {
  const result = await db.execute<OrderRow>(sql`
    SELECT ${orderColumns} FROM orders o WHERE o.user_id = ${userId} AND o.idempotency_key = ${key}`);
  return result.rows[0];
}

export async function findOrder(db: Database, id: string): Promise<OrderRow | undefined> {
  const result = await db.execute<OrderRow>(sql`SELECT ${orderColumns} FROM orders o WHERE o.id = ${id}`);
  return result.rows[0];
}

export async function listOrdersOf(db: Database, userId: string, limit: number, before?: [string, string]) {
  const after = before ? sql`AND (o.created_at, o.id) < (${before[0]}::timestamptz, ${before[1]}::uuid)` : sql``;
  const result = await db.execute<OrderRow>(sql`
    SELECT ${orderColumns} FROM orders o WHERE o.user_id = ${userId} ${after}
    ORDER BY o.created_at DESC, o.id DESC LIMIT ${limit}`);
  return result.rows;
}

export interface OrderSearch {
  status?: OrderStatus;
  userId?: string;
  q?: string;
  from?: string;
  to?: string;
}

/** Staff's order search, one statement, keyset-paged newest first. */
export async function searchOrders(db: Database, search: OrderSearch, limit: number, before?: [string, string]) {
  const conditions: SQL[] = [sql`true`];
  if (before) conditions.push(sql`(o.created_at, o.id) < (${before[0]}::timestamptz, ${before[1]}::uuid)`);
  if (search.status) conditions.push(sql`o.status = ${search.status}`);
  if (search.userId) conditions.push(sql`o.user_id = ${search.userId}`);
  if (search.q) {
    conditions.push(sql`(o.id::text = ${search.q} OR u.username ILIKE ${containing(search.q)})`);
  }
  if (search.from) conditions.push(sql`o.created_at >= ${search.from}::timestamptz`);
  if (search.to) conditions.push(sql`o.created_at < ${search.to}::timestamptz`);
  const result = await db.execute<OrderRow>(sql`
    SELECT ${orderColumns} FROM orders o JOIN users u ON u.id = o.user_id
    WHERE ${sql.join(conditions, sql` AND `)} ORDER BY o.created_at DESC, o.id DESC LIMIT ${limit}`);
  return result.rows;
}

/**
 * Reserves stock for every line of the cart in one conditional update (`stock_qty >= quantity`),
 * locking the product rows in id order so concurrent checkouts cannot deadlock. Lines that
 * could not be reserved are simply missing from the result.
 */
export async function reserveCartStock(db: Database, cartId: string): Promise<ReservedLine[]> {
  const result = await db.execute<ReservedLine>(sql`
    WITH locked AS (
      SELECT p.id FROM products p JOIN cart_items ci ON ci.product_id = p.id
      WHERE ci.cart_id = ${cartId} ORDER BY p.id FOR UPDATE OF p
    )
    UPDATE products p
    SET stock_qty = p.stock_qty - ci.quantity, updated_at = now()
    FROM cart_items ci, locked
    WHERE ci.cart_id = ${cartId} AND ci.product_id = p.id AND locked.id = p.id
      AND p.is_active AND p.stock_qty >= ci.quantity
    RETURNING p.id AS product_id, p.name, p.price - p.discount AS unit_price, p.shipping_amount, ci.quantity,
      p.stock_qty, p.low_stock_threshold`);
  return result.rows;
}

export async function countCartLines(db: Database, cartId: string): Promise<number> {
  const result = await db.execute<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM cart_items WHERE cart_id = ${cartId}`,
  );
  return result.rows[0].n;
}

/** The cart lines that cannot be reserved, with what is available. */
export async function cartShortages(db: Database, cartId: string) {
  const result = await db.execute<{ productId: string; requested: number; available: number }>(sql`
    SELECT ci.product_id AS "productId", ci.quantity AS requested,
      CASE WHEN p.is_active THEN p.stock_qty ELSE 0 END AS available
    FROM cart_items ci JOIN products p ON p.id = ci.product_id
    WHERE ci.cart_id = ${cartId} AND (NOT p.is_active OR p.stock_qty < ci.quantity)`);
  return result.rows;
}

export interface NewOrder {
  userId: string;
  currency: string;
  subtotal: number;
  discount: number;
  tax: number;
  shipping: number;
  couponCode: string | null;
  userCouponId: string | null;
  shippingAddress: ShippingAddress;
  idempotencyKey: string;
  requestHash: string;
  reservationMinutes: number;
  lines: ReservedLine[];
}

/** Writes the order, its items (price snapshot) and its first event in one statement. */
export async function insertOrder(db: Database, order: NewOrder): Promise<string> {
  const items = JSON.stringify(
    order.lines.map((l) => ({
      product_id: l.product_id,
      name: l.name,
      unit_price: l.unit_price,
      shipping_amount: l.shipping_amount,
      quantity: l.quantity,
    })),
  );
  const result = await db.execute<{ id: string }>(sql`
    WITH o AS (
      INSERT INTO orders (user_id, currency, subtotal, discount, tax, shipping, coupon_code, user_coupon_id,
        shipping_address, idempotency_key, request_hash, expires_at)
      VALUES (${order.userId}, ${order.currency}, ${order.subtotal}, ${order.discount}, ${order.tax}, ${order.shipping},
        ${order.couponCode}, ${order.userCouponId}, ${JSON.stringify(order.shippingAddress)}::jsonb, ${order.idempotencyKey},
        ${order.requestHash}, now() + make_interval(mins => ${order.reservationMinutes}))
      RETURNING id
    ), items AS (
      INSERT INTO order_items (order_id, product_id, name, unit_price, shipping_amount, quantity)
      SELECT o.id, x.product_id, x.name, x.unit_price, x.shipping_amount, x.quantity
      FROM o, json_to_recordset(${items}::json)
        AS x(product_id uuid, name text, unit_price int, shipping_amount int, quantity int)
    ), event AS (
      INSERT INTO order_events (order_id, status, actor_kind, actor_id)
      SELECT o.id, 'pending_payment', 'customer', ${order.userId} FROM o
    )
    SELECT id FROM o`);
  return result.rows[0].id;
}

export interface Actor {
  kind: "customer" | "staff" | "system" | "gateway";
  id: string | null;
}

/**
 * Moves an order from one of `from` to `to` with a conditional update, writing the event, and
 * for cancellations and refunds giving the stock back and (for cancellations) the coupon use.
 * Returns the order id, or undefined when the order was not in an allowed status.
 */
export async function moveOrder(
  db: Database,
  where: SQL,
  from: OrderStatus[],
  to: OrderStatus,
  actor: Actor,
  note: string | null,
): Promise<string[]> {
  const restock = to === "canceled" || to === "refunded";
  const releaseCoupon = to === "canceled";
  const result = await db.execute<{ id: string }>(sql`
    WITH moved AS (
      UPDATE orders o SET status = ${to}, updated_at = now()
      WHERE ${where} AND o.status IN ${from}
      RETURNING o.id, o.user_coupon_id
    ), restocked AS (
      UPDATE products p SET stock_qty = p.stock_qty + x.quantity, updated_at = now()
      FROM (SELECT i.product_id, sum(i.quantity)::int AS quantity FROM order_items i JOIN moved ON moved.id = i.order_id
            WHERE ${restock} GROUP BY i.product_id) x
      WHERE p.id = x.product_id
    ), released AS (
      UPDATE user_coupons uc SET uses = greatest(uc.uses - r.n, 0)
      FROM (SELECT user_coupon_id, count(*)::int AS n FROM moved WHERE ${releaseCoupon} AND user_coupon_id IS NOT NULL
            GROUP BY user_coupon_id) r
      WHERE uc.id = r.user_coupon_id
      RETURNING uc.coupon_id, r.n
    ), released_global AS (
      UPDATE coupons c SET used_count = greatest(c.used_count - g.n, 0)
      FROM (SELECT coupon_id, sum(n)::int AS n FROM released GROUP BY coupon_id) g
      WHERE c.id = g.coupon_id
    ), event AS (
      INSERT INTO order_events (order_id, status, actor_kind, actor_id, note)
      SELECT id, ${to}, ${actor.kind}, ${actor.id}, ${note} FROM moved
    )
    SELECT id FROM moved`);
  return result.rows.map((row) => row.id);
}

export async function orderStatusOf(
  db: Database,
  id: string,
): Promise<{ status: OrderStatus; user_id: string } | undefined> {
  const result = await db.execute<{ status: OrderStatus; user_id: string }>(
    sql`SELECT status, user_id FROM orders WHERE id = ${id}`,
  );
  return result.rows[0];
}
