import { type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import type { ShippingAddress } from "../../db/schema.ts";
import { type OrderStatus, restocks } from "../domain/order-status.ts";
import type { StockChange } from "../platform/live.ts";
import type { AdminOrder } from "../schemas/orders.ts";
import type { CartLine } from "./cart.repository.ts";
import { containing, isoTime } from "./sql.ts";

/** An order as the API answers it, read in that shape; with the request hash its idempotency compares. */
export type OrderRow = AdminOrder & { requestHash: string };

const orderColumns = sql`
  o.id, o.number, o.user_id AS "userId",
  coalesce((SELECT username FROM users WHERE id = o.user_id), o.guest_email) AS username,
  o.guest_email AS "guestEmail", o.guest_phone AS "guestPhone", o.status, o.currency,
  o.subtotal, o.discount, o.tax, o.shipping, o.total, o.coupon_code AS "couponCode",
  o.prices_include_tax AS "pricesIncludeTax", o.shipping_tax AS "shippingTax",
  o.shipping_tax_rate_bps AS "shippingTaxRateBps",
  CASE WHEN o.shipping_method_name IS NULL THEN NULL
    ELSE json_build_object('id', o.shipping_method_id, 'name', o.shipping_method_name) END AS "shippingMethod",
  o.shipping_address AS "shippingAddress", o.request_hash AS "requestHash",
  ${isoTime(sql`o.created_at`)} AS "createdAt", ${isoTime(sql`o.expires_at`)} AS "expiresAt",
  coalesce((SELECT json_agg(json_build_object('productId', i.product_id, 'variantId', i.variant_id, 'name', i.name,
      'variantTitle', i.variant_title, 'sku', i.sku, 'quantity', i.quantity, 'unitPrice', i.unit_price,
      'lineTotal', i.line_total, 'discountAmount', i.discount_amount, 'netAmount', i.net_amount,
      'taxAmount', i.tax_amount, 'taxRateBps', i.tax_rate_bps,
      'imageUrl', (SELECT url FROM product_images WHERE product_id = i.product_id ORDER BY position, id LIMIT 1),
      'promotionShares', i.promotion_shares)
      ORDER BY i.name, i.variant_title) FROM order_items i WHERE i.order_id = o.id), '[]') AS items,
  coalesce((SELECT json_agg(json_build_object('status', e.status, 'at', ${isoTime(sql`e.created_at`)}, 'actor', e.actor_kind, 'note', e.note)
      ORDER BY e.created_at, e.id) FROM order_events e WHERE e.order_id = o.id), '[]') AS events,
  CASE WHEN o.shipped_at IS NULL THEN NULL ELSE json_build_object('carrier', o.carrier,
    'trackingNumber', o.tracking_number, 'trackingUrl', o.tracking_url, 'shippedAt', ${isoTime(sql`o.shipped_at`)}) END AS shipment,
  (SELECT json_build_object('status', p.status, 'failureReason', p.failure_reason, 'at', ${isoTime(sql`p.updated_at`)})
     FROM payments p WHERE p.order_id = o.id ORDER BY p.created_at DESC, p.id DESC LIMIT 1) AS "lastPayment",
  o.shipping_discount AS "shippingDiscount",
  coalesce((SELECT json_agg(json_build_object('id', u.promotion_id, 'name', p.name, 'kind', p.kind,
      'amount', u.amount, 'shipping', u.shipping_amount) ORDER BY p.kind, p.name)
    FROM promotion_uses u JOIN promotions p ON p.id = u.promotion_id WHERE u.order_id = o.id), '[]') AS promotions`;

/** Whose an order is: an account's, or a guest's, known by the (lower-cased) email given at checkout. */
export type Owner = { userId: string } | { guestEmail: string };

/** The condition that an order (aliased `o`) is the owner's. */
export const ownedBy = (owner: Owner, alias = sql`o`) =>
  "userId" in owner
    ? sql`${alias}.user_id = ${owner.userId}`
    : sql`${alias}.user_id IS NULL AND ${alias}.guest_email = ${owner.guestEmail}`;

/** The order an owner placed under an idempotency key, if any. */
export const orderByKeyStatement = (db: Database, owner: Owner, key: string) =>
  db.execute<OrderRow>(sql`
    SELECT ${orderColumns} FROM orders o WHERE ${ownedBy(owner)} AND o.idempotency_key = ${key}`);

export const orderStatement = (db: Database, id: string) =>
  db.execute<OrderRow>(sql`SELECT ${orderColumns} FROM orders o WHERE o.id = ${id}`);

export async function findOrder(db: Database, id: string): Promise<OrderRow | undefined> {
  return (await orderStatement(db, id)).rows[0];
}

export const ordersOfStatement = (db: Database, userId: string, limit: number, before?: [string, string]) => {
  const after = before ? sql`AND (o.created_at, o.id) < (${before[0]}::timestamptz, ${before[1]}::uuid)` : sql``;
  return db.execute<OrderRow>(sql`
    SELECT ${orderColumns} FROM orders o WHERE o.user_id = ${userId} ${after}
    ORDER BY o.created_at DESC, o.id DESC LIMIT ${limit}`);
};

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
    // An order id, its number (#1042 or 1042), or its customer's username or guest email.
    const number = /^#?\d{1,9}$/.test(search.q) ? Number(search.q.replace("#", "")) : null;
    conditions.push(sql`(o.id::text = ${search.q} OR o.number = ${number}::int
      OR u.username ILIKE ${containing(search.q)} OR o.guest_email ILIKE ${containing(search.q)})`);
  }
  if (search.from) conditions.push(sql`o.created_at >= ${search.from}::timestamptz`);
  if (search.to) conditions.push(sql`o.created_at < ${search.to}::timestamptz`);
  const result = await db.execute<OrderRow>(sql`
    SELECT ${orderColumns} FROM orders o LEFT JOIN users u ON u.id = o.user_id
    WHERE ${sql.join(conditions, sql` AND `)} ORDER BY o.created_at DESC, o.id DESC LIMIT ${limit}`);
  return result.rows;
}

/**
 * Lines a guest checks out with, priced like a cart's lines from each variant as it is now (the
 * guest's cart lives in their browser). A variant that does not exist is no line: the caller finds
 * it missing.
 */
export const linesOfItemsStatement = (db: Database, items: { variantId: string; quantity: number }[]) =>
  db.execute<CartLine>(sql`
    SELECT 0 AS version, p.id AS "productId", p.category_id AS "categoryId", p.brand_id AS "brandId", v.id AS "variantId", p.name, v.title AS "variantTitle", v.sku,
      x.quantity, v.price - v.discount AS "unitPrice", v.shipping_amount AS "shippingAmount",
      v.weight_grams AS "weightGrams", v.tax_class_id AS "taxClassId",
      v.stock_qty AS "stockQty", (v.is_active AND p.is_active) AS sellable
    FROM json_to_recordset(${JSON.stringify(items.map((i) => ({ variant_id: i.variantId, quantity: i.quantity })))}::json)
      AS x(variant_id uuid, quantity int)
    JOIN product_variants v ON v.id = x.variant_id JOIN products p ON p.id = v.product_id
    ORDER BY p.name, v.title, v.id`);

/** A line of the cart as checkout read it: what it reserves and the price it snapshots. */
export interface OrderLine {
  productId: string;
  variantId: string;
  name: string;
  variantTitle: string;
  sku: string;
  unitPrice: number;
  shippingAmount: number;
  quantity: number;
  /** What the line was charged: its share of the discount, net, tax and the rate it took. */
  discountAmount: number;
  netAmount: number;
  taxAmount: number;
  taxRateBps: number;
  /** Its share of each promotion (they sum into `discountAmount`). */
  promotionShares: { promotionId: string; amount: number }[];
}

/** Serialises checkouts that share an owner and an idempotency key until the first one commits. */
export const lockKeyStatement = (db: Database, owner: Owner, key: string) => {
  const whose = "userId" in owner ? owner.userId : `guest:${owner.guestEmail}`;
  return db.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`${whose}:${key}`}, 0))`);
};

/** Gives up (the batch with it) when an order was placed under the key meanwhile. */
export const refuseReplayStatement = (db: Database, owner: Owner, key: string) =>
  db.execute(sql`
    SELECT royal_refuse('replayed') FROM orders o WHERE ${ownedBy(owner)} AND o.idempotency_key = ${key}`);

/** Gives up with `too_many_pending_orders` when the shopper already holds `max` unpaid, unexpired orders. */
export const refusePendingBeyondStatement = (db: Database, userId: string, max: number) =>
  db.execute(sql`
    SELECT royal_refuse('too_many_pending_orders', json_build_object('max', ${max}::int))
    WHERE (SELECT count(*) FROM orders
      WHERE user_id = ${userId} AND status = 'pending_payment' AND expires_at > now()) >= ${max}`);

/**
 * Empties the cart the checkout read, locking its row first (one checkout per cart at a time), and
 * gives up with `cart_changed` if the cart is no longer that version (it changed since it was read).
 */
export const takeCartStatement = (db: Database, userId: string, version: number) =>
  db.execute(sql`
    WITH cart AS (
      SELECT id FROM carts WHERE user_id = ${userId} AND version = ${version} FOR UPDATE
    ), emptied AS (
      DELETE FROM cart_items WHERE cart_id IN (SELECT id FROM cart) RETURNING 1
    ), bumped AS (
      -- The order took the code the cart held: the next cart starts without it.
      UPDATE carts SET version = version + 1, promotion_code = NULL, updated_at = now()
      WHERE id IN (SELECT id FROM cart) RETURNING 1
    )
    SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM bumped) THEN royal_refuse('cart_changed') END`);

/**
 * Reserves each line's stock with one conditional update, locking the variants in id order (so
 * concurrent checkouts cannot deadlock), all or none: a line short of stock gives up with
 * `insufficient_stock` (details: each short variant with what is available), a line whose price or
 * shipping changed since it was read with `cart_changed`. Answers each variant's stock after.
 */
export const reserveStatement = (db: Database, lines: OrderLine[]) => {
  const wanted = JSON.stringify(
    lines.map((l) => ({
      id: l.variantId,
      product_id: l.productId,
      quantity: l.quantity,
      unit_price: l.unitPrice,
      shipping: l.shippingAmount,
    })),
  );
  return db.execute<{ reserved: StockChange[] }>(sql`
    WITH want AS (
      SELECT * FROM json_to_recordset(${wanted}::json) AS w(id uuid, product_id uuid, quantity int, unit_price int, shipping int)
    ), locked AS (
      -- Locking answers each row as it is once locked: what the decisions below read.
      SELECT v.id, v.stock_qty, v.price - v.discount AS unit_price, v.shipping_amount, (v.is_active AND p.is_active) AS sellable
      FROM product_variants v JOIN want ON want.id = v.id JOIN products p ON p.id = v.product_id
      ORDER BY v.id FOR UPDATE OF v
    ), fits AS (
      SELECT want.id, want.quantity FROM want JOIN locked ON locked.id = want.id
      WHERE locked.sellable AND locked.stock_qty >= want.quantity
        AND locked.unit_price = want.unit_price AND locked.shipping_amount = want.shipping
    ), reserved AS (
      UPDATE product_variants v SET stock_qty = v.stock_qty - fits.quantity, updated_at = now()
      FROM fits, products p WHERE v.id = fits.id AND p.id = v.product_id
      RETURNING v.id, v.product_id, p.name, v.title, v.sku, v.stock_qty, v.low_stock_threshold
    ), short AS (
      SELECT want.product_id AS "productId", want.id AS "variantId", want.quantity AS requested,
        CASE WHEN locked.sellable THEN locked.stock_qty ELSE 0 END AS available
      FROM want LEFT JOIN locked ON locked.id = want.id
      WHERE want.id NOT IN (SELECT id FROM fits)
    )
    SELECT
      CASE
        WHEN EXISTS (SELECT 1 FROM short WHERE requested > available)
          THEN royal_refuse('insufficient_stock', (SELECT json_build_object('items', json_agg(
            json_build_object('productId', "productId", 'variantId', "variantId", 'requested', requested,
              'available', available)))
            FROM short WHERE requested > available))
        WHEN EXISTS (SELECT 1 FROM short) OR (SELECT count(*) FROM reserved) < (SELECT count(*) FROM want)
          THEN royal_refuse('cart_changed')
      END,
      coalesce((SELECT json_agg(json_build_object('variantId', id, 'productId', product_id, 'name', name,
        'variantTitle', title, 'sku', sku, 'stockQty', stock_qty, 'threshold', low_stock_threshold)) FROM reserved), '[]') AS reserved`);
};

/** The coupon terms checkout priced with, which must still hold when the use is taken. */
export interface CouponTaken {
  userCouponId: string;
  kind: "percent" | "fixed";
  value: number;
  minSubtotal: number;
  maxDiscount: number | null;
}

/**
 * Counts one use of a granted coupon, bounded by its per-user limit, its expiry, its active flag and
 * the terms checkout priced with, and (through its CHECK) by the coupon's global limit; otherwise
 * gives up with `coupon_expired`, `coupon_exhausted` or `coupon_invalid`.
 */
export const takeCouponStatement = (db: Database, coupon: CouponTaken) =>
  db.execute(sql`
    WITH taken AS (
      UPDATE user_coupons uc SET uses = uc.uses + 1
      FROM coupons c
      WHERE uc.id = ${coupon.userCouponId} AND c.id = uc.coupon_id AND c.is_active
        AND uc.expires_at > now() AND uc.uses < c.per_user_limit
        AND c.kind = ${coupon.kind} AND c.value = ${coupon.value} AND c.min_subtotal = ${coupon.minSubtotal}
        AND c.max_discount IS NOT DISTINCT FROM ${coupon.maxDiscount}::int
      RETURNING uc.coupon_id
    ), counted AS (
      UPDATE coupons c SET used_count = c.used_count + 1 FROM taken WHERE c.id = taken.coupon_id RETURNING 1
    )
    SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM counted) THEN royal_refuse(
      (SELECT CASE WHEN NOT c.is_active THEN 'coupon_invalid' WHEN uc.expires_at <= now() THEN 'coupon_expired'
         WHEN uc.uses >= c.per_user_limit THEN 'coupon_exhausted' ELSE 'cart_changed' END
       FROM user_coupons uc JOIN coupons c ON c.id = uc.coupon_id WHERE uc.id = ${coupon.userCouponId})) END`);

export interface NewOrder {
  owner: Owner;
  /** A guest's phone (E.164), where their order's texts go. */
  guestPhone: string | null;
  currency: string;
  subtotal: number;
  discount: number;
  tax: number;
  shipping: number;
  pricesIncludeTax: boolean;
  shippingMethod: { id: string; name: string };
  shippingTax: number;
  shippingTaxRateBps: number;
  shippingDiscount: number;
  couponCode: string | null;
  userCouponId: string | null;
  shippingAddress: ShippingAddress;
  idempotencyKey: string;
  requestHash: string;
  reservationMinutes: number;
  lines: OrderLine[];
}

/** Writes the order, its items (price, variant title and SKU as they were) and its first event, in one statement. */
export const insertOrderStatement = (db: Database, order: NewOrder) => {
  const userId = "userId" in order.owner ? order.owner.userId : null;
  const guestEmail = "guestEmail" in order.owner ? order.owner.guestEmail : null;
  const items = JSON.stringify(
    order.lines.map((l) => ({
      product_id: l.productId,
      variant_id: l.variantId,
      name: l.name,
      variant_title: l.variantTitle,
      sku: l.sku,
      unit_price: l.unitPrice,
      shipping_amount: l.shippingAmount,
      quantity: l.quantity,
      discount_amount: l.discountAmount,
      net_amount: l.netAmount,
      tax_amount: l.taxAmount,
      tax_rate_bps: l.taxRateBps,
      promotion_shares: l.promotionShares,
    })),
  );
  return db.execute(sql`
    WITH o AS (
      INSERT INTO orders (user_id, guest_email, guest_phone, currency, subtotal, discount, tax, shipping,
        prices_include_tax, shipping_method_id, shipping_method_name, shipping_tax, shipping_tax_rate_bps, shipping_discount, coupon_code,
        user_coupon_id, shipping_address, idempotency_key, request_hash, expires_at)
      VALUES (${userId}, ${guestEmail}, ${order.guestPhone}, ${order.currency}, ${order.subtotal}, ${order.discount}, ${order.tax}, ${order.shipping},
        ${order.pricesIncludeTax}, ${order.shippingMethod.id}, ${order.shippingMethod.name}, ${order.shippingTax},
        ${order.shippingTaxRateBps}, ${order.shippingDiscount}, ${order.couponCode}, ${order.userCouponId}, ${JSON.stringify(order.shippingAddress)}::jsonb,
        ${order.idempotencyKey}, ${order.requestHash}, now() + make_interval(mins => ${order.reservationMinutes}))
      RETURNING id
    ), items AS (
      INSERT INTO order_items (order_id, product_id, variant_id, name, variant_title, sku, unit_price, shipping_amount, quantity,
        discount_amount, net_amount, tax_amount, tax_rate_bps, promotion_shares)
      SELECT o.id, x.product_id, x.variant_id, x.name, x.variant_title, x.sku, x.unit_price, x.shipping_amount, x.quantity,
        x.discount_amount, x.net_amount, x.tax_amount, x.tax_rate_bps, x.promotion_shares
      FROM o, json_to_recordset(${items}::json)
        AS x(product_id uuid, variant_id uuid, name text, variant_title text, sku text, unit_price int, shipping_amount int,
          quantity int, discount_amount int, net_amount int, tax_amount int, tax_rate_bps int, promotion_shares jsonb)
    ), event AS (
      INSERT INTO order_events (order_id, status, actor_kind, actor_id)
      SELECT o.id, 'pending_payment', 'customer', ${userId} FROM o
    ), ledger AS (
      -- The stock this checkout took (earlier in its batch), in each variant's inventory history.
      INSERT INTO inventory_changes (variant_id, delta, stock_after, reason, actor_id, order_id)
      SELECT x.variant_id, -x.quantity, v.stock_qty, 'checkout', ${userId}, o.id
      FROM o, json_to_recordset(${items}::json) AS x(variant_id uuid, quantity int)
      JOIN product_variants v ON v.id = x.variant_id
    )
    SELECT id FROM o`);
};

export interface Actor {
  kind: "customer" | "staff" | "system" | "gateway";
  id: string | null;
}

/** The parcel of a shipped order, as staff gave it. */
export interface Shipment {
  carrier: string | null;
  trackingNumber: string | null;
  trackingUrl: string | null;
}

/** What a move also does: the shipment it records (moves to shipped), the audit row it writes (staff's moves). */
export interface MoveExtras {
  shipment?: Shipment;
  /** The audit action (`order.ship`): one row per moved order, by the actor, with its status before and after. */
  audit?: string;
}

/** The orders whose id is one of `ids`, for `moveOrderStatement`'s `where`. */
export const orderIdIn = (ids: string[]) => sql`o.id IN ${ids}`;

/** Each of the orders `ids` name, as it is now, in one statement (to run last in a batch of moves). */
export const ordersStatement = (db: Database, ids: string[]) =>
  db.execute<OrderRow>(sql`SELECT ${orderColumns} FROM orders o WHERE ${orderIdIn(ids)}`);

/**
 * Moves an order from one of `from` to `to` with a conditional update, writing the event, and
 * for cancellations and refunds giving the stock back and (for cancellations) the coupon use and
 * closing its open payment sessions.
 * Returns the order id, or undefined when the order was not in an allowed status.
 */
export async function moveOrder(...move: Parameters<typeof moveOrderStatement>): Promise<string[]> {
  return (await moveOrderStatement(...move)).rows.map((row) => row.id);
}

/** The statement of `moveOrder`, to run in a batch; it answers the ids of the orders it moved. */
export function moveOrderStatement(
  db: Database,
  where: SQL,
  from: OrderStatus[],
  to: OrderStatus,
  actor: Actor,
  note: string | null,
  extras: MoveExtras = {},
) {
  const restock = restocks(to);
  const releaseCoupon = to === "canceled";
  const closeSessions = to === "canceled";
  const shipment = extras.shipment ?? { carrier: null, trackingNumber: null, trackingUrl: null };
  const shipped =
    to === "shipped"
      ? sql`, shipped_at = now(), carrier = ${shipment.carrier}, tracking_number = ${shipment.trackingNumber},
          tracking_url = ${shipment.trackingUrl}`
      : sql``;
  const after = to === "shipped" ? { status: to, ...shipment } : { status: to, note };
  const audited = extras.audit
    ? sql`, audited AS (
      -- The status before is the last event before this transaction began (earlier moves of its batch
      -- are written at the clock's time, after it).
      INSERT INTO audit_log (actor_id, action, entity, entity_id, before, after)
      SELECT ${actor.id}, ${extras.audit}, 'order', moved.id::text,
        jsonb_build_object('status', (SELECT e.status FROM order_events e WHERE e.order_id = moved.id
          AND e.created_at < now() ORDER BY e.created_at DESC, e.id DESC LIMIT 1)),
        ${JSON.stringify(after)}::jsonb
      FROM moved
    )`
    : sql``;
  return db.execute<{ id: string }>(sql`
    WITH moved AS (
      UPDATE orders o SET status = ${to}, updated_at = now() ${shipped}
      WHERE ${where} AND o.status IN ${from}
      RETURNING o.id, o.user_coupon_id
    ), restocked AS (
      UPDATE product_variants v SET stock_qty = v.stock_qty + x.quantity, updated_at = now()
      FROM (SELECT i.variant_id, sum(i.quantity)::int AS quantity FROM order_items i JOIN moved ON moved.id = i.order_id
            WHERE ${restock} GROUP BY i.variant_id) x
      WHERE v.id = x.variant_id
      RETURNING v.id, v.stock_qty
    ), ledger AS (
      -- Each order's stock back in the variant's history (stock_after: once this statement gave all back).
      INSERT INTO inventory_changes (variant_id, delta, stock_after, reason, actor_id, order_id)
      SELECT i.variant_id, i.quantity, r.stock_qty, ${note ?? to}, ${actor.id}, i.order_id
      FROM order_items i JOIN moved ON moved.id = i.order_id JOIN restocked r ON r.id = i.variant_id
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
    ), released_uses AS (
      -- A canceled order gives its promotions' uses back, once: a use is released only while it is not.
      UPDATE promotion_uses u SET released_at = now()
      FROM moved WHERE ${releaseCoupon} AND u.order_id = moved.id AND u.released_at IS NULL
      RETURNING u.promotion_id, u.customer_key, u.code_id, u.amount + u.shipping_amount AS amount
    ), promotions_back AS (
      UPDATE promotions p SET used_count = p.used_count - g.n, discount_given = p.discount_given - g.amount
      FROM (SELECT promotion_id, count(*)::int AS n, sum(amount)::int AS amount FROM released_uses GROUP BY promotion_id) g
      WHERE p.id = g.promotion_id
    ), customers_back AS (
      UPDATE promotion_customers c SET uses = c.uses - g.n
      FROM (SELECT promotion_id, customer_key, count(*)::int AS n FROM released_uses GROUP BY promotion_id, customer_key) g
      WHERE c.promotion_id = g.promotion_id AND c.customer_key = g.customer_key
    ), codes_back AS (
      UPDATE promotion_codes pc SET used_count = pc.used_count - g.n
      FROM (SELECT code_id, count(*)::int AS n FROM released_uses WHERE code_id IS NOT NULL GROUP BY code_id) g
      WHERE pc.id = g.code_id
    ), closed AS (
      -- A canceled order takes no more money: its open gateway sessions close with it.
      UPDATE payments p SET status = 'expired', updated_at = now()
      FROM moved WHERE ${closeSessions} AND p.order_id = moved.id AND p.status IN ('pending', 'failed')
    ), event AS (
      -- The clock, not the transaction's start: a move in the transaction that placed the order (one
      -- with nothing to pay) comes after the order's first event.
      INSERT INTO order_events (order_id, status, actor_kind, actor_id, note, created_at)
      SELECT id, ${to}, ${actor.kind}, ${actor.id}, ${note}, clock_timestamp() FROM moved
    )${audited}
    SELECT id FROM moved`);
}

/**
 * Gives an account the orders placed as a guest with its email, once the account proved it owns
 * that email (its first verification): they join its order history. Answers the orders that joined.
 */
export const adoptGuestOrders = async (db: Database, userId: string, email: string) =>
  (
    await db.execute<{ id: string }>(sql`
      UPDATE orders SET user_id = ${userId}, updated_at = now()
      WHERE user_id IS NULL AND guest_email = ${email} RETURNING id`)
  ).rows.map((row) => row.id);

export async function orderStatusOf(
  db: Database,
  id: string,
): Promise<{ status: OrderStatus; user_id: string | null } | undefined> {
  const result = await db.execute<{ status: OrderStatus; user_id: string | null }>(
    sql`SELECT status, user_id FROM orders WHERE id = ${id}`,
  );
  return result.rows[0];
}

/**
 * Corrects the parcel of a shipped or delivered order (a tracking number given after a bulk
 * shipment, a carrier mistyped), audited with what it said before; nothing for any other order.
 */
export const correctShipmentStatement = (db: Database, id: string, shipment: Shipment, actorId: string) =>
  db.execute<{ id: string }>(sql`
    WITH before AS (
      SELECT id, carrier, tracking_number, tracking_url FROM orders
      WHERE id = ${id} AND status IN ('shipped', 'delivered') FOR UPDATE
    ), changed AS (
      UPDATE orders o SET carrier = ${shipment.carrier}, tracking_number = ${shipment.trackingNumber},
        tracking_url = ${shipment.trackingUrl}, updated_at = now()
      FROM before WHERE o.id = before.id
      RETURNING o.id
    ), audited AS (
      INSERT INTO audit_log (actor_id, action, entity, entity_id, before, after)
      SELECT ${actorId}, 'order.shipment', 'order', before.id::text,
        jsonb_build_object('carrier', before.carrier, 'trackingNumber', before.tracking_number,
          'trackingUrl', before.tracking_url),
        ${JSON.stringify(shipment)}::jsonb
      FROM before
    )
    SELECT id FROM changed`);
