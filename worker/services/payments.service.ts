import { sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import type { Bindings } from "../env.ts";
import { AppError } from "../lib/errors.ts";
import type { GatewayResult, PaymentGateway, RejectedCallback } from "../payments/gateway.ts";
import { recordable } from "../payments/recordable.ts";
import { SandboxGateway } from "../payments/sandbox.ts";
import { StripeGateway } from "../payments/stripe.ts";
import { findOrder, moveOrder } from "../repositories/orders.repository.ts";
import {
  insertPayment,
  lockPaymentByAuthority,
  recordGatewayMessage,
  setPaymentStatus,
  succeededPaymentOf,
} from "../repositories/payments.repository.ts";
import type { UserRow } from "../repositories/users.repository.ts";
import type { Live } from "./live.service.ts";
import { expireReservations, transition } from "./orders.service.ts";

/** The configured gateway, or a named one (a refund goes back through the gateway that was paid). */
export function createGateway(env: Bindings, name: string = env.PAYMENT_GATEWAY): PaymentGateway {
  if (name === "stripe") return new StripeGateway(env.STRIPE_SECRET_KEY ?? "", env.STRIPE_WEBHOOK_SECRET ?? "");
  return new SandboxGateway(env.SANDBOX_GATEWAY_SECRET ?? "");
}

/** Opens a payment attempt for a pending order of the shopper's; returns where to send them. */
export async function startPayment(
  db: Database,
  live: Live,
  gateway: PaymentGateway,
  user: UserRow,
  orderId: string,
  origin: string,
) {
  await expireReservations(db, live, user.id);
  const order = await findOrder(db, orderId);
  if (!order || order.user_id !== user.id) throw new AppError("not_found", "No such order.");
  if (order.status !== "pending_payment") {
    throw new AppError(
      order.status === "canceled" ? "invalid_transition" : "already_paid",
      `The order is ${order.status}.`,
      {
        status: order.status,
      },
    );
  }
  const paymentId = crypto.randomUUID();
  const started = await gateway.start({ paymentId, orderId, amount: order.total, currency: order.currency, origin });
  await insertPayment(db, {
    id: paymentId,
    orderId,
    gateway: gateway.name,
    authority: started.authority,
    amount: order.total,
    tax: order.tax,
    currency: order.currency,
  });
  return { paymentId, gateway: gateway.name, redirectUrl: started.redirectUrl };
}

export type CallbackOutcome =
  | { status: "paid"; orderId: string; userId: string }
  | { status: "failed" | "duplicate" | "refund_due" | "ignored"; orderId: string | null; userId?: string };

/** Records a message that failed verification (as received, made storable), then answers 400. */
export async function rejectCallback(
  db: Database,
  gateway: string,
  error: RejectedCallback,
  raw: string,
): Promise<never> {
  await recordGatewayMessage(db, {
    paymentId: null,
    gateway,
    eventId: null,
    outcome: "rejected",
    reason: error.reason,
    payload: recordable(raw),
  });
  throw new AppError("invalid_request", `The callback was rejected (${error.reason}).`, { reason: error.reason });
}

/**
 * Applies a verified gateway result exactly once. The result is checked against the payment's
 * amount and currency; a success pays a pending order, and a success for an order that can no
 * longer be paid (canceled, expired, already paid) marks the payment for refund instead.
 */
export async function applyGatewayResult(
  db: Database,
  gateway: string,
  result: GatewayResult,
  raw: string,
): Promise<CallbackOutcome> {
  const payload = recordable(raw);
  const outcome = await db.transaction(async (tx): Promise<CallbackOutcome | AppError> => {
    const payment = await lockPaymentByAuthority(tx, gateway, result.authority);
    if (!payment) {
      await recordGatewayMessage(tx, {
        paymentId: null,
        gateway,
        eventId: result.eventId,
        outcome: "rejected",
        reason: "unknown_payment",
        payload,
      });
      return new AppError("invalid_request", "The callback names no known payment.", { reason: "unknown_payment" });
    }
    if (result.amount !== payment.amount || result.currency.toUpperCase() !== payment.currency.toUpperCase()) {
      await recordGatewayMessage(tx, {
        paymentId: payment.id,
        gateway,
        eventId: result.eventId,
        outcome: "rejected",
        reason: "amount_mismatch",
        payload,
      });
      return new AppError("invalid_request", "The callback's amount or currency does not match the payment.", {
        reason: "amount_mismatch",
      });
    }
    const first = await recordGatewayMessage(tx, {
      paymentId: payment.id,
      gateway,
      eventId: result.eventId,
      outcome: "processed",
      reason: result.outcome,
      payload,
    });
    if (!first) {
      await recordGatewayMessage(tx, {
        paymentId: payment.id,
        gateway,
        eventId: result.eventId,
        outcome: "duplicate",
        reason: null,
        payload,
      });
      return { status: "duplicate", orderId: payment.order_id };
    }
    if (result.outcome === "failure") {
      if (payment.status === "pending") await setPaymentStatus(tx, payment.id, "failed");
      return { status: "failed", orderId: payment.order_id };
    }
    const paid = await moveOrder(
      tx,
      sql`o.id = ${payment.order_id} AND o.expires_at > now()`,
      ["pending_payment"],
      "paid",
      { kind: "gateway", id: null },
      `paid through ${gateway}`,
    );
    const details = { transactionId: result.transactionId, cardLast4: result.cardLast4, cardHash: result.cardHash };
    if (paid.length === 0) {
      await setPaymentStatus(tx, payment.id, "refund_pending", details);
      return { status: "refund_due", orderId: payment.order_id };
    }
    await setPaymentStatus(tx, payment.id, "succeeded", details);
    const owner = await tx.execute<{ user_id: string }>(sql`SELECT user_id FROM orders WHERE id = ${payment.order_id}`);
    return { status: "paid", orderId: payment.order_id, userId: owner.rows[0].user_id };
  });
  // Rejections are recorded (committed) before they are answered.
  if (outcome instanceof AppError) throw outcome;
  return outcome;
}

/** Refunds a paid order: the order becomes refunded and restocked, then the gateway returns the money. */
export async function refundOrder(db: Database, live: Live, env: Bindings, staff: UserRow, orderId: string) {
  const payment = await db.transaction(async (tx) => {
    await transition(tx, orderId, "refunded", { kind: "staff", id: staff.id });
    const paid = await succeededPaymentOf(tx, orderId);
    if (paid) await setPaymentStatus(tx, paid.id, "refund_pending");
    return paid;
  });
  if (payment) {
    await createGateway(env, payment.gateway).refund({
      authority: payment.authority,
      authorizedKey: payment.authorized_key,
      amount: payment.amount,
    });
    await setPaymentStatus(db, payment.id, "refunded");
  }
  live.orders([orderId]);
}
