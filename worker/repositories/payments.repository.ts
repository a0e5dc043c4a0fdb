import { sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { isoTime } from "./sql.ts";

export type PaymentRow = {
  id: string;
  order_id: string;
  gateway: "sandbox" | "stripe";
  authority: string;
  authorized_key: string | null;
  amount: number;
  tax: number;
  currency: string;
  status: "pending" | "succeeded" | "failed" | "refund_pending" | "refunded";
};

export async function insertPayment(
  db: Database,
  payment: {
    id: string;
    orderId: string;
    gateway: string;
    authority: string;
    amount: number;
    tax: number;
    currency: string;
  },
) {
  await db.execute(sql`
    INSERT INTO payments (id, order_id, gateway, authority, amount, tax, currency)
    VALUES (${payment.id}, ${payment.orderId}, ${payment.gateway}, ${payment.authority}, ${payment.amount}, ${payment.tax}, ${payment.currency})`);
}

export async function lockPaymentByAuthority(
  db: Database,
  gateway: string,
  authority: string,
): Promise<PaymentRow | undefined> {
  const result = await db.execute<PaymentRow>(sql`
    SELECT id, order_id, gateway, authority, authorized_key, amount, tax, currency, status
    FROM payments WHERE gateway = ${gateway} AND authority = ${authority} FOR UPDATE`);
  return result.rows[0];
}

export async function findPaymentByAuthority(
  db: Database,
  gateway: string,
  authority: string,
): Promise<PaymentRow | undefined> {
  const result = await db.execute<PaymentRow>(sql`
    SELECT id, order_id, gateway, authority, authorized_key, amount, tax, currency, status
    FROM payments WHERE gateway = ${gateway} AND authority = ${authority}`);
  return result.rows[0];
}

/** Every payment attempt of an order with its gateway history, oldest first, in the API's shape. */
export async function paymentsOfOrder(db: Database, orderId: string) {
  const result = await db.execute<{
    id: string;
    gateway: PaymentRow["gateway"];
    authority: string;
    amount: number;
    currency: string;
    status: PaymentRow["status"];
    transactionId: string | null;
    cardLast4: string | null;
    createdAt: string;
    paidAt: string | null;
    history: { outcome: string; reason: string | null; eventId: string | null; at: string }[];
  }>(sql`
    SELECT p.id, p.gateway, p.authority, p.amount, p.currency, p.status, p.transaction_id AS "transactionId",
      p.card_last4 AS "cardLast4", ${isoTime(sql`p.created_at`)} AS "createdAt",
      CASE WHEN p.paid_at IS NULL THEN NULL ELSE ${isoTime(sql`p.paid_at`)} END AS "paidAt",
      coalesce((SELECT json_agg(json_build_object('outcome', h.outcome, 'reason', h.reason, 'eventId', h.event_id,
          'at', ${isoTime(sql`h.received_at`)}) ORDER BY h.received_at, h.id)
        FROM payment_history h WHERE h.payment_id = p.id), '[]') AS history
    FROM payments p WHERE p.order_id = ${orderId} ORDER BY p.created_at, p.id`);
  return result.rows;
}

export async function succeededPaymentOf(db: Database, orderId: string): Promise<PaymentRow | undefined> {
  const result = await db.execute<PaymentRow>(sql`
    SELECT id, order_id, gateway, authority, authorized_key, amount, tax, currency, status
    FROM payments WHERE order_id = ${orderId} AND status = 'succeeded' LIMIT 1`);
  return result.rows[0];
}

export async function setPaymentStatus(
  db: Database,
  id: string,
  status: PaymentRow["status"],
  details: { transactionId?: string | null; cardLast4?: string | null; cardHash?: string | null } = {},
) {
  await db.execute(sql`
    UPDATE payments SET status = ${status}, updated_at = now(),
      transaction_id = coalesce(${details.transactionId ?? null}, transaction_id),
      authorized_key = coalesce(${details.transactionId ?? null}, authorized_key),
      card_last4 = coalesce(${details.cardLast4 ?? null}, card_last4),
      card_hash = coalesce(${details.cardHash ?? null}, card_hash),
      paid_at = CASE WHEN ${status} = 'succeeded' THEN now() ELSE paid_at END
    WHERE id = ${id}`);
}

/**
 * Records a gateway message. With outcome `processed` the row is unique per gateway event, so
 * inserting it is how a result claims its one-time application; returns false for a duplicate.
 */
export async function recordGatewayMessage(
  db: Database,
  entry: {
    paymentId: string | null;
    gateway: string;
    eventId: string | null;
    outcome: string;
    reason: string | null;
    /** Already made storable (see `recordable`). */
    payload: unknown;
  },
): Promise<boolean> {
  const result = await db.execute(sql`
    INSERT INTO payment_history (payment_id, gateway, event_id, outcome, reason, payload)
    VALUES (${entry.paymentId}, ${entry.gateway}, ${entry.eventId}, ${entry.outcome}, ${entry.reason}, ${JSON.stringify(entry.payload ?? null)}::jsonb)
    ON CONFLICT (gateway, event_id) WHERE outcome = 'processed' DO NOTHING`);
  return (result.rowCount ?? 0) === 1;
}
