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
  status: "pending" | "succeeded" | "failed" | "refund_pending" | "refunded" | "expired";
  expires_at: string | null;
};

const paymentColumns = sql`id, order_id, gateway, authority, authorized_key, amount, tax, currency, status,
  ${isoTime(sql`expires_at`)} AS expires_at`;

/**
 * Records a new payment attempt, only while its order can be paid (pending, its reservation running),
 * and closes the order's other open sessions (one open session per order, so two tabs cannot both pay),
 * in one statement: the order is share-locked first, as every move of an order and its payments takes
 * the order before the payments. Answers whether it was recorded, and the sessions it closed.
 */
export async function openPaymentSession(
  db: Database,
  payment: {
    id: string;
    orderId: string;
    gateway: string;
    authority: string;
    amount: number;
    tax: number;
    currency: string;
    expiresAt: Date;
  },
) {
  const result = await db.execute<{
    recorded: boolean;
    replaced: { gateway: PaymentRow["gateway"]; authority: string }[];
  }>(sql`
    WITH payable AS (
      SELECT id FROM orders WHERE id = ${payment.orderId} AND status = 'pending_payment' AND expires_at > now()
      FOR SHARE
    ), recorded AS (
      INSERT INTO payments (id, order_id, gateway, authority, amount, tax, currency, expires_at)
      SELECT ${payment.id}, payable.id, ${payment.gateway}, ${payment.authority}, ${payment.amount}, ${payment.tax},
        ${payment.currency}, ${payment.expiresAt.toISOString()}::timestamptz FROM payable
      RETURNING id
    ), replaced AS (
      UPDATE payments SET status = 'expired', updated_at = now()
      WHERE order_id = ${payment.orderId} AND id <> ${payment.id} AND status IN ('pending', 'failed')
        AND EXISTS (SELECT 1 FROM recorded)
      RETURNING gateway, authority
    )
    SELECT EXISTS (SELECT 1 FROM recorded) AS recorded,
      coalesce((SELECT json_agg(json_build_object('gateway', gateway, 'authority', authority)) FROM replaced), '[]') AS replaced`);
  return result.rows[0];
}

/** The sessions the shop closed for these orders, to close at their gateways too. */
export async function closedSessionsOf(db: Database, orderIds: string[]) {
  const result = await db.execute<{ gateway: PaymentRow["gateway"]; authority: string }>(sql`
    SELECT gateway, authority FROM payments
    WHERE order_id IN (SELECT json_array_elements_text(${JSON.stringify(orderIds)}::json)::uuid) AND status = 'expired'`);
  return result.rows;
}

/**
 * Locks a payment for applying its gateway's result, its order first: every transaction that moves
 * both (a cancel closing the order's sessions, a refund) takes the order before the payment, so they
 * wait for each other instead of deadlocking.
 */
export async function lockPaymentByAuthority(
  db: Database,
  gateway: string,
  authority: string,
): Promise<PaymentRow | undefined> {
  await db.execute(sql`
    SELECT id FROM orders
    WHERE id = (SELECT order_id FROM payments WHERE gateway = ${gateway} AND authority = ${authority}) FOR UPDATE`);
  const result = await db.execute<PaymentRow>(sql`
    SELECT ${paymentColumns} FROM payments WHERE gateway = ${gateway} AND authority = ${authority} FOR UPDATE`);
  return result.rows[0];
}

/** A payment, and whether its order can still be paid (pending, its reservation running). */
export async function findPaymentByAuthority(
  db: Database,
  gateway: string,
  authority: string,
): Promise<(PaymentRow & { order_payable: boolean }) | undefined> {
  const result = await db.execute<PaymentRow & { order_payable: boolean }>(sql`
    SELECT ${paymentColumns}, (SELECT o.status = 'pending_payment' AND o.expires_at > now()
      FROM orders o WHERE o.id = payments.order_id) AS order_payable
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
    expiresAt: string | null;
    refund: {
      reason: string | null;
      attempts: number;
      nextAttemptAt: string | null;
      lastError: string | null;
      refundedAt: string | null;
    } | null;
    history: { outcome: string; reason: string | null; eventId: string | null; at: string }[];
  }>(sql`
    SELECT p.id, p.gateway, p.authority, p.amount, p.currency, p.status, p.transaction_id AS "transactionId",
      p.card_last4 AS "cardLast4", ${isoTime(sql`p.created_at`)} AS "createdAt",
      CASE WHEN p.paid_at IS NULL THEN NULL ELSE ${isoTime(sql`p.paid_at`)} END AS "paidAt",
      CASE WHEN p.expires_at IS NULL THEN NULL ELSE ${isoTime(sql`p.expires_at`)} END AS "expiresAt",
      CASE WHEN p.status IN ('refund_pending', 'refunded') THEN json_build_object(
        'reason', p.refund_reason, 'attempts', p.refund_attempts,
        'nextAttemptAt', CASE WHEN p.status = 'refund_pending'
          THEN ${isoTime(sql`coalesce(p.refund_next_at, p.updated_at)`)} END,
        'lastError', p.refund_error,
        'refundedAt', CASE WHEN p.refunded_at IS NULL THEN NULL ELSE ${isoTime(sql`p.refunded_at`)} END) END AS refund,
      coalesce((SELECT json_agg(json_build_object('outcome', h.outcome, 'reason', h.reason, 'eventId', h.event_id,
          'at', ${isoTime(sql`h.received_at`)}) ORDER BY h.received_at, h.id)
        FROM payment_history h WHERE h.payment_id = p.id), '[]') AS history
    FROM payments p WHERE p.order_id = ${orderId} ORDER BY p.created_at, p.id`);
  return result.rows;
}

export async function succeededPaymentOf(db: Database, orderId: string): Promise<PaymentRow | undefined> {
  const result = await db.execute<PaymentRow>(sql`
    SELECT ${paymentColumns} FROM payments WHERE order_id = ${orderId} AND status = 'succeeded' LIMIT 1`);
  return result.rows[0];
}

/** A payment whose money must go back, due at once (the refund job and its callers take it from here). */
export async function markForRefund(
  db: Database,
  id: string,
  reason: string,
  details: { transactionId?: string | null; cardLast4?: string | null; cardHash?: string | null } = {},
) {
  await db.execute(sql`
    UPDATE payments SET status = 'refund_pending', refund_reason = ${reason}, refund_next_at = now(), updated_at = now(),
      transaction_id = coalesce(${details.transactionId ?? null}, transaction_id),
      authorized_key = coalesce(${details.transactionId ?? null}, authorized_key),
      card_last4 = coalesce(${details.cardLast4 ?? null}, card_last4),
      card_hash = coalesce(${details.cardHash ?? null}, card_hash)
    WHERE id = ${id}`);
}

/**
 * Claims a due refund for one attempt: counts the attempt and moves its next time past a lease, so
 * that of workers reaching it at once (the request after commit, the schedule, staff) one tries it.
 */
export async function claimRefund(db: Database, id: string, leaseSeconds: number, now = false) {
  const result = await db.execute<PaymentRow & { refund_attempts: number }>(sql`
    UPDATE payments SET refund_attempts = refund_attempts + 1,
      refund_next_at = now() + make_interval(secs => ${leaseSeconds}), updated_at = now()
    WHERE id = ${id} AND status = 'refund_pending'
      AND (${now} OR refund_next_at IS NULL OR refund_next_at <= now())
    RETURNING ${paymentColumns}, refund_attempts`);
  return result.rows[0];
}

/** The outcome of a refund attempt, kept on the payment and in its history. */
export async function settleRefund(
  db: Database,
  payment: { id: string; gateway: string },
  outcome:
    | { refunded: true; attempt: number }
    | { refunded: false; attempt: number; error: string; retryInSeconds: number },
) {
  // Written only with the settlement: an attempt finishing after another one settled the refund records nothing.
  const history = sql`
    INSERT INTO payment_history (payment_id, gateway, outcome, reason, payload)
    SELECT ${payment.id}, ${payment.gateway}, ${outcome.refunded ? "refunded" : "refund_failed"},
      ${outcome.refunded ? null : outcome.error}, ${JSON.stringify({ attempt: outcome.attempt })}::jsonb FROM settled`;
  if (outcome.refunded) {
    await db.execute(sql`
      WITH settled AS (
        UPDATE payments SET status = 'refunded', refunded_at = now(), refund_next_at = NULL, refund_error = NULL,
          updated_at = now()
        WHERE id = ${payment.id} AND status = 'refund_pending' RETURNING id
      ) ${history}`);
  } else {
    await db.execute(sql`
      WITH settled AS (
        UPDATE payments SET refund_error = ${outcome.error},
          refund_next_at = now() + make_interval(secs => ${outcome.retryInSeconds}), updated_at = now()
        WHERE id = ${payment.id} AND status = 'refund_pending' RETURNING id
      ) ${history}`);
  }
}

/** Payments whose refund is due, oldest first. */
export async function dueRefunds(db: Database, limit: number): Promise<string[]> {
  const result = await db.execute<{ id: string }>(sql`
    SELECT id FROM payments WHERE status = 'refund_pending' AND (refund_next_at IS NULL OR refund_next_at <= now())
    ORDER BY refund_next_at NULLS FIRST, id LIMIT ${limit}`);
  return result.rows.map((row) => row.id);
}

/** One payment of an order, locked (the order first, see `lockPaymentByAuthority`), for staff's refund of it. */
export async function lockPaymentOfOrder(db: Database, orderId: string, paymentId: string) {
  await db.execute(sql`SELECT id FROM orders WHERE id = ${orderId} FOR UPDATE`);
  const result = await db.execute<PaymentRow>(sql`
    SELECT ${paymentColumns} FROM payments WHERE id = ${paymentId} AND order_id = ${orderId} FOR UPDATE`);
  return result.rows[0];
}

export async function setPaymentStatus(
  db: Database,
  id: string,
  status: PaymentRow["status"],
  details: {
    transactionId?: string | null;
    cardLast4?: string | null;
    cardHash?: string | null;
    failureReason?: string | null;
  } = {},
) {
  await db.execute(sql`
    UPDATE payments SET status = ${status}, updated_at = now(),
      failure_reason = ${details.failureReason ?? null},
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

/** Keeps a gateway message that failed verification, apart from the payments' history. */
export async function recordRejection(
  db: Database,
  entry: { gateway: string; clientAddress: string; reason: string; payload: unknown },
) {
  await db.execute(sql`
    INSERT INTO gateway_rejections (gateway, client_address, reason, payload)
    VALUES (${entry.gateway}, ${entry.clientAddress}, ${entry.reason}, ${JSON.stringify(entry.payload ?? null)}::jsonb)`);
}

/** Forgets rejected gateway messages older than 30 days; answers how many. */
export async function purgeOldRejections(db: Database): Promise<number> {
  const result = await db.execute(sql`DELETE FROM gateway_rejections WHERE received_at < now() - interval '30 days'`);
  return result.rowCount ?? 0;
}
