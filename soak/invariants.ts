import pg from "pg";

/**
 * What must hold in the database after any traffic, each with what it checked and what broke it.
 *
 * Stock moves in three places only: staff changes (each an `inventory_changes` row with its delta),
 * checkout (a conditional decrement, all lines or none) and the moves to `canceled` (by the shopper,
 * staff or the expiry of a reservation) and `refunded`, which give the units back. So for every
 * variant: stock now + the units of its orders that still hold them (pending_payment, paid,
 * processing, shipped, delivered) = the sum of its inventory deltas. Should the history also record
 * the orders' moves (rows with an `order_id`), those are left out of that sum, and the history's whole
 * sum must then equal the stock as well.
 *
 * A coupon use is counted at checkout and given back only by a cancellation (a refund keeps it), so
 * each coupon's used_count, and each grant's uses, equal the orders made with it that are not canceled.
 *
 * A cart line may hold more than its variant's stock (staff lowered it afterwards, or another shopper
 * bought first): what must hold is that checkout never takes more than there is, so no variant's stock
 * is ever below zero (a CHECK constraint the conditional update keeps clear of, since an attempt that
 * broke it would have failed the request) and the conservation above holds.
 */
export interface Check {
  name: string;
  checked: number;
  violations: unknown[];
  figures?: Record<string, number>;
}

const half = (numerator: string, denominator: string) =>
  `((2 * (${numerator}) + ${denominator}) / (2 * ${denominator}))`;

export async function checkInvariants(databaseUrl: string, taxRateBps: number): Promise<Check[]> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const rows = async <T extends pg.QueryResultRow>(text: string, params: unknown[] = []) =>
    (await db.query<T>(text, params)).rows;
  try {
    const checks: Check[] = [];

    // Stock moves that orders made, if the inventory history records them too (an `order_id` on the
    // row), are told apart from what staff put in; then the history alone must also give the stock.
    const ledger = (
      await rows<{ n: number }>(`
        SELECT count(*)::int AS n FROM information_schema.columns
        WHERE table_name = 'inventory_changes' AND column_name = 'order_id'`)
    )[0].n;
    const byStaff = ledger ? "AND c.order_id IS NULL" : "";
    const stock = await rows<{
      id: string;
      sku: string;
      stock: number;
      reserved: number;
      sold: number;
      stocked: number;
      history: number;
    }>(`
      SELECT v.id, v.sku, v.stock_qty AS stock,
        coalesce((SELECT sum(i.quantity) FROM order_items i JOIN orders o ON o.id = i.order_id
          WHERE i.variant_id = v.id AND o.status = 'pending_payment'), 0)::int AS reserved,
        coalesce((SELECT sum(i.quantity) FROM order_items i JOIN orders o ON o.id = i.order_id
          WHERE i.variant_id = v.id AND o.status IN ('paid','processing','shipped','delivered')), 0)::int AS sold,
        coalesce((SELECT sum(c.delta) FROM inventory_changes c WHERE c.variant_id = v.id ${byStaff}), 0)::int AS stocked,
        coalesce((SELECT sum(c.delta) FROM inventory_changes c WHERE c.variant_id = v.id), 0)::int AS history
      FROM product_variants v`);
    checks.push({
      name: "per variant: stock + reserved (pending) + sold (paid…delivered) = Σ inventory deltas put in by staff",
      checked: stock.length,
      violations: stock.filter((v) => v.stock + v.reserved + v.sold !== v.stocked),
      figures: {
        stock: sum(stock, "stock"),
        reserved: sum(stock, "reserved"),
        sold: sum(stock, "sold"),
        stocked: sum(stock, "stocked"),
      },
    });
    if (ledger) {
      checks.push({
        name: "per variant: stock = Σ every inventory delta (the history records the orders' moves too)",
        checked: stock.length,
        violations: stock.filter((v) => v.stock !== v.history),
      });
    }

    const negative = await rows("SELECT id, sku, stock_qty FROM product_variants WHERE stock_qty < 0");
    const above = await rows<{ n: number }>(`
      SELECT count(*)::int AS n FROM cart_items ci JOIN product_variants v ON v.id = ci.variant_id
      WHERE ci.quantity > v.stock_qty`);
    checks.push({
      name: "no variant's stock below zero: nothing checked out beyond the stock (cart lines above stock allowed)",
      checked: stock.length,
      violations: negative,
      figures: { cartLinesAboveStockNow: above[0].n },
    });

    const coupons = await rows<{ id: string; title: string; used: number; orders: number; limit: number | null }>(`
      SELECT c.id, c.title, c.used_count AS used, c.usage_limit AS limit,
        (SELECT count(*) FROM orders o JOIN user_coupons uc ON uc.id = o.user_coupon_id
          WHERE uc.coupon_id = c.id AND o.status <> 'canceled')::int AS orders
      FROM coupons c`);
    const grants = await rows<{ id: string; uses: number; orders: number; per_user_limit: number }>(`
      SELECT uc.id, uc.uses, c.per_user_limit,
        (SELECT count(*) FROM orders o WHERE o.user_coupon_id = uc.id AND o.status <> 'canceled')::int AS orders
      FROM user_coupons uc JOIN coupons c ON c.id = uc.coupon_id`);
    checks.push({
      name: "coupon used_count = orders made with it, not canceled; within its usage limit",
      checked: coupons.length,
      violations: coupons.filter((c) => c.used !== c.orders || (c.limit !== null && c.used > c.limit)),
      figures: { uses: sum(coupons, "used") },
    });
    checks.push({
      name: "each grant's uses = its orders, not canceled; within the per-user limit",
      checked: grants.length,
      violations: grants.filter((g) => g.uses !== g.orders || g.uses > g.per_user_limit),
    });

    const payments = await rows<{
      id: string;
      status: string;
      paid_events: number;
      taken: number;
      successes: number;
      successes_taken: number;
      refunded: number;
      refund_due: number;
    }>(`
      SELECT o.id, o.status,
        (SELECT count(*) FROM order_events e WHERE e.order_id = o.id AND e.status = 'paid')::int AS paid_events,
        (SELECT count(*) FROM payments p WHERE p.order_id = o.id AND p.status IN ('succeeded','refunded'))::int AS taken,
        (SELECT count(*) FROM payment_history h JOIN payments p ON p.id = h.payment_id
          WHERE p.order_id = o.id AND h.outcome = 'processed' AND h.reason = 'success')::int AS successes,
        (SELECT count(*) FROM payment_history h JOIN payments p ON p.id = h.payment_id
          WHERE p.order_id = o.id AND h.outcome = 'processed' AND h.reason = 'success'
            AND p.status IN ('succeeded','refunded'))::int AS successes_taken,
        (SELECT count(*) FROM payments p WHERE p.order_id = o.id AND p.status = 'refunded')::int AS refunded,
        (SELECT count(*) FROM payments p WHERE p.order_id = o.id AND p.status = 'refund_pending')::int AS refund_due
      FROM orders o`);
    const wasPaid = (o: (typeof payments)[number]) =>
      ["paid", "processing", "shipped", "delivered", "refunded"].includes(o.status);
    checks.push({
      name: "every paid order: one paid event, one payment taken, one applied success event (refunded ones: that payment refunded)",
      checked: payments.filter(wasPaid).length,
      violations: payments.filter(
        (o) =>
          wasPaid(o) &&
          (o.paid_events !== 1 ||
            o.taken !== 1 ||
            o.successes_taken !== 1 ||
            (o.status === "refunded" && o.refunded !== 1)),
      ),
    });
    checks.push({
      name: "every order never paid: no payment taken; a success that came too late is due for refund",
      checked: payments.filter((o) => !wasPaid(o)).length,
      violations: payments.filter(
        (o) => !wasPaid(o) && (o.paid_events !== 0 || o.taken !== 0 || o.successes !== o.refund_due),
      ),
      figures: { lateSuccessesDueForRefund: sum(payments, "refund_due") },
    });

    const money = await rows(
      `
      WITH lines AS (
        SELECT order_id, sum(line_total)::bigint AS subtotal, sum(shipping_amount * quantity)::bigint AS shipping,
          bool_and(line_total = unit_price * quantity) AS lines_ok
        FROM order_items GROUP BY order_id
      )
      SELECT o.id, o.subtotal, o.discount, o.tax, o.shipping, o.total, l.subtotal AS lines_subtotal,
        l.shipping AS lines_shipping, c.kind, c.value, c.min_subtotal, c.max_discount
      FROM orders o LEFT JOIN lines l ON l.order_id = o.id
      LEFT JOIN user_coupons uc ON uc.id = o.user_coupon_id LEFT JOIN coupons c ON c.id = uc.coupon_id
      WHERE NOT (
        l.lines_ok IS TRUE
        AND o.subtotal = l.subtotal AND o.shipping = l.shipping
        AND o.total = o.subtotal - o.discount + o.tax + o.shipping
        AND o.tax = ${half("(o.subtotal - o.discount)::bigint * $1", "10000")}
        AND o.discount = CASE
          WHEN o.user_coupon_id IS NULL THEN 0
          ELSE greatest(0, least(
            CASE WHEN c.kind = 'percent' THEN ${half("o.subtotal::bigint * c.value", "100")} ELSE c.value END,
            coalesce(c.max_discount, o.subtotal), o.subtotal))
        END
        AND (o.user_coupon_id IS NULL OR o.subtotal >= c.min_subtotal)
      )`,
      [taxRateBps],
    );
    const orders = await rows<{ n: number; coupons: number }>(
      "SELECT count(*)::int AS n, count(user_coupon_id)::int AS coupons FROM orders",
    );
    checks.push({
      name: `every order: subtotal = Σ lines, shipping = Σ shipping × quantity, discount by its coupon's terms, tax ${taxRateBps / 100} % of (subtotal − discount) rounded half up, total = subtotal − discount + tax + shipping`,
      checked: orders[0].n,
      violations: money,
      figures: { orders: orders[0].n, withCoupon: orders[0].coupons },
    });

    const statuses = await rows<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM orders GROUP BY status ORDER BY status`,
    );
    checks.push({
      name: "orders by status (for the record)",
      checked: orders[0].n,
      violations: [],
      figures: Object.fromEntries(statuses.map((s) => [s.status, s.n])),
    });
    return checks;
  } finally {
    await db.end();
  }
}

function sum<T>(rows: T[], key: keyof T): number {
  return rows.reduce((total, row) => total + Number(row[key] ?? 0), 0);
}
