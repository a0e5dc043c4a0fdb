import { sql } from "drizzle-orm";
import { AppError } from "../lib/errors.ts";
import { type GatewayResult, type PaymentGateway, RejectedCallback } from "../payments/gateway.ts";
import { recordable } from "../payments/recordable.ts";
import type { SandboxGateway } from "../payments/sandbox.ts";
import type { ActorContext, ShopContext } from "../platform/context.ts";
import { findOrder, moveOrder } from "../repositories/orders.repository.ts";
import {
  findPaymentByAuthority,
  insertPayment,
  lockPaymentByAuthority,
  paymentsOfOrder,
  recordGatewayMessage,
  setPaymentStatus,
  succeededPaymentOf,
} from "../repositories/payments.repository.ts";
import type { AdminOrder } from "../schemas/orders.ts";
import { expireReservations, staffView, transition } from "./orders.service.ts";

/** Opens a payment attempt for a pending order of the shopper's; returns where to send them. */
export async function startPayment(ctx: ActorContext, orderId: string, origin: string) {
  await expireReservations(ctx, ctx.actor.id);
  const order = await findOrder(ctx.db, orderId);
  if (!order || order.userId !== ctx.actor.id) throw new AppError("not_found", "No such order.");
  if (order.status !== "pending_payment") {
    throw new AppError(
      order.status === "canceled" ? "invalid_transition" : "already_paid",
      `The order is ${order.status}.`,
      { status: order.status },
    );
  }
  if (order.total === 0) {
    // Placed before checkout paid such orders at once: nothing to take through a gateway.
    await transition(ctx.db, orderId, "paid", { kind: "system", id: null }, "nothing to pay");
    ctx.live.orders([orderId]);
    throw new AppError("already_paid", "There is nothing to pay: the order is paid.", { status: "paid" });
  }
  const gateway = ctx.gateway();
  const paymentId = crypto.randomUUID();
  const started = await gateway.start({ paymentId, orderId, amount: order.total, currency: order.currency, origin });
  await insertPayment(ctx.db, {
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

/**
 * A gateway's callback as received: verified by its gateway, applied once, pushed to the rooms when
 * it moved an order. A message that fails verification is recorded as received, then answered 400.
 */
export async function receiveCallback(
  ctx: ShopContext,
  name: PaymentGateway["name"],
  raw: string,
  headers: Headers,
): Promise<{ received: true; result: CallbackOutcome["status"] }> {
  let result: GatewayResult | null;
  try {
    result = await ctx.gateway(name).verify(raw, headers, ctx.redis);
  } catch (error) {
    if (!(error instanceof RejectedCallback)) throw error;
    await recordGatewayMessage(ctx.db, {
      paymentId: null,
      gateway: name,
      eventId: null,
      outcome: "rejected",
      reason: error.reason,
      payload: recordable(raw),
    });
    throw new AppError("invalid_request", `The callback was rejected (${error.reason}).`, { reason: error.reason });
  }
  if (!result) return { received: true, result: "ignored" };
  const outcome = await applyGatewayResult(ctx, name, result, raw);
  if (outcome.orderId && (outcome.status === "paid" || outcome.status === "refund_due")) {
    ctx.live.orders([outcome.orderId]);
  }
  return { received: true, result: outcome.status };
}

/**
 * Applies a verified gateway result exactly once. The result is checked against the payment's
 * amount and currency; a success pays a pending order, and a success for an order that can no
 * longer be paid (canceled, expired, already paid) marks the payment for refund instead.
 */
async function applyGatewayResult(
  ctx: ShopContext,
  gateway: string,
  result: GatewayResult,
  raw: string,
): Promise<CallbackOutcome> {
  const payload = recordable(raw);
  const outcome = await ctx.transaction(async (tx): Promise<CallbackOutcome | AppError> => {
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
    // A payment is taken once: a later success for it (the bank's retry, or the shopper's own return
    // under a new event id) changes nothing, so the payment keeps the transaction that paid.
    const taken = result.outcome === "success" && !["pending", "failed"].includes(payment.status);
    const first =
      !taken &&
      (await recordGatewayMessage(tx, {
        paymentId: payment.id,
        gateway,
        eventId: result.eventId,
        outcome: "processed",
        reason: result.outcome,
        payload,
      }));
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
export async function refundOrder(ctx: ActorContext, orderId: string): Promise<AdminOrder> {
  const payment = await ctx.transaction(async (tx) => {
    await transition(tx, orderId, "refunded", { kind: "staff", id: ctx.actor.id });
    const paid = await succeededPaymentOf(tx, orderId);
    if (paid) await setPaymentStatus(tx, paid.id, "refund_pending");
    return paid;
  });
  if (payment) {
    await ctx.gateway(payment.gateway).refund({
      authority: payment.authority,
      authorizedKey: payment.authorized_key,
      amount: payment.amount,
    });
    await setPaymentStatus(ctx.db, payment.id, "refunded");
  }
  ctx.live.orders([orderId]);
  return staffView((await findOrder(ctx.db, orderId)) as NonNullable<Awaited<ReturnType<typeof findOrder>>>);
}

/** An order for staff with every payment attempt and what its gateway reported, oldest first. */
export async function orderWithPayments(ctx: ShopContext, orderId: string) {
  const [order, payments] = await Promise.all([findOrder(ctx.db, orderId), paymentsOfOrder(ctx.db, orderId)]);
  if (!order) throw new AppError("not_found", "No such order.");
  return { ...staffView(order), payments };
}

/** The sandbox bank's view of a payment, for its page. */
export async function sandboxPayment(ctx: ShopContext, authority: string) {
  const payment = await findPaymentByAuthority(ctx.db, "sandbox", authority);
  if (!payment) throw new AppError("not_found", "No such payment at the sandbox bank.");
  return payment;
}

/**
 * The sandbox bank's buttons: it signs the outcome and delivers it to the shop's callback endpoint
 * exactly as a real gateway would, then sends the shopper back to the order.
 */
export async function sandboxPay(
  ctx: ShopContext,
  authority: string,
  outcome: "success" | "failure",
  deliver: (body: string, signature: string) => Promise<Response>,
) {
  const payment = await sandboxPayment(ctx, authority);
  const bank = ctx.gateway("sandbox") as SandboxGateway;
  const signed = await bank.signCallback({ authority, outcome, amount: payment.amount, currency: payment.currency });
  const delivered = await deliver(signed.body, signed.signature);
  if (!delivered.ok) throw new AppError("unavailable", "The shop did not accept the bank's callback.");
  return { redirectUrl: `/orders/${payment.order_id}` };
}
