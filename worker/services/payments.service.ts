import { sql } from "drizzle-orm";
import { AppError } from "../lib/errors.ts";
import { withinLimit } from "../lib/rate-limit.ts";
import { type GatewayResult, type PaymentGateway, RejectedCallback } from "../payments/gateway.ts";
import { recordable } from "../payments/recordable.ts";
import type { SandboxGateway } from "../payments/sandbox.ts";
import type { ActorContext, ShopContext } from "../platform/context.ts";
import { findOrder, moveOrder, type OrderRow, orderStatusOf } from "../repositories/orders.repository.ts";
import {
  findPaymentByAuthority,
  lockPaymentByAuthority,
  lockPaymentOfOrder,
  markForRefund,
  openPaymentSession,
  type PaymentRow,
  paymentsOfOrder,
  recordGatewayMessage,
  recordRejection,
  setPaymentStatus,
  succeededPaymentOf,
} from "../repositories/payments.repository.ts";
import type { AdminOrder } from "../schemas/orders.ts";
import { expireReservations, staffView, transition } from "./orders.service.ts";
import { closeGatewaySessions, refundPayment } from "./refunds.service.ts";

/**
 * Opens a payment attempt for a pending order of the shopper's; returns where to send them. Its
 * session closes with the order's reservation, and any earlier open session of the order closes now:
 * one open session per order, so two tabs cannot both take the money.
 */
export async function startPayment(ctx: ActorContext, orderId: string, origin: string) {
  await expireReservations(ctx, ctx.actor.id);
  const order = await findOrder(ctx.db, orderId);
  if (!order || order.userId !== ctx.actor.id) throw new AppError("not_found", "No such order.");
  return payFor(ctx, order, origin);
}

/** Opens a payment attempt for an order its caller may pay (a shopper's own, a guest's by its key). */
export async function payFor(ctx: ShopContext, order: OrderRow, origin: string) {
  const orderId = order.id;
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
  const started = await gateway.start({
    paymentId,
    orderId,
    amount: order.total,
    currency: order.currency,
    origin,
    reservedUntil: new Date(order.expiresAt),
  });
  const { recorded, replaced } = await openPaymentSession(ctx.db, {
    id: paymentId,
    orderId,
    gateway: gateway.name,
    authority: started.authority,
    amount: order.total,
    tax: order.tax,
    currency: order.currency,
    expiresAt: started.expiresAt,
  });
  // Canceled or expired while the gateway opened the session: that session closes unused.
  const unused = recorded ? [] : [{ gateway: gateway.name, authority: started.authority }];
  const closing = [...replaced, ...unused];
  if (closing.length > 0) ctx.afterAnswer("closing payment sessions", () => closeGatewaySessions(ctx, closing));
  if (!recorded) throw new AppError("invalid_transition", "The order can no longer be paid.", { status: "canceled" });
  return { paymentId, gateway: gateway.name, redirectUrl: started.redirectUrl };
}

export type CallbackOutcome =
  | { status: "paid"; orderId: string; userId: string | null }
  | { status: "refund_due"; orderId: string; paymentId: string }
  | { status: "failed" | "duplicate" | "ignored"; orderId: string | null; userId?: string | null };

/**
 * A gateway's callback as received: verified by its gateway, applied once, pushed to the rooms when
 * it moved an order. A message that fails verification is answered 400 and kept apart from the
 * payments' history (up to a number per sender address). Money taken for an order that can no longer
 * be paid is given back, starting right after the answer.
 */
export async function receiveCallback(
  ctx: ShopContext,
  name: PaymentGateway["name"],
  raw: string,
  headers: Headers,
  clientAddress: string,
): Promise<{ received: true; result: CallbackOutcome["status"] }> {
  let result: GatewayResult | null;
  try {
    result = await ctx.gateway(name).verify(raw, headers, ctx.redis);
  } catch (error) {
    if (!(error instanceof RejectedCallback)) throw error;
    if (await withinLimit(ctx.redis, "rejectionsKeptPerIp", clientAddress)) {
      await recordRejection(ctx.db, { gateway: name, clientAddress, reason: error.reason, payload: recordable(raw) });
    }
    throw new AppError("invalid_request", `The callback was rejected (${error.reason}).`, { reason: error.reason });
  }
  if (!result) return { received: true, result: "ignored" };
  const outcome = await applyGatewayResult(ctx, name, result, raw);
  if (outcome.status === "refund_due") {
    const { paymentId } = outcome;
    ctx.afterAnswer("refund", () => refundPayment(ctx, paymentId));
  }
  if (outcome.orderId && (outcome.status === "paid" || outcome.status === "refund_due")) {
    ctx.live.orders([outcome.orderId]);
  }
  return { received: true, result: outcome.status };
}

/** Why money taken for an order goes back, by what became of the order. */
const refundReasons = {
  paid: "a second payment for an order already paid",
  canceled: "the order was canceled before this payment arrived",
  expired: "the order's reservation had run out before this payment arrived",
} as const;

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
    // under a new event id) changes nothing, so the payment keeps the transaction that paid. A success
    // for a session the shop had closed (expired) was still taken, and is handled below.
    const taken = result.outcome === "success" && ["succeeded", "refund_pending", "refunded"].includes(payment.status);
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
      if (payment.status === "pending")
        await setPaymentStatus(tx, payment.id, "failed", { failureReason: result.failureReason });
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
      const order = await orderStatusOf(tx, payment.order_id);
      const reason =
        order?.status === "pending_payment"
          ? refundReasons.expired
          : order?.status === "canceled"
            ? refundReasons.canceled
            : refundReasons.paid;
      await markForRefund(tx, payment.id, reason, details);
      return { status: "refund_due", orderId: payment.order_id, paymentId: payment.id };
    }
    await setPaymentStatus(tx, payment.id, "succeeded", details);
    const owner = await tx.execute<{ user_id: string | null }>(
      sql`SELECT user_id FROM orders WHERE id = ${payment.order_id}`,
    );
    return { status: "paid", orderId: payment.order_id, userId: owner.rows[0].user_id };
  });
  // Rejections are recorded (committed) before they are answered.
  if (outcome instanceof AppError) throw outcome;
  return outcome;
}

/**
 * Refunds a paid order: the order becomes refunded and restocked, its payment is marked for refund,
 * then its gateway returns the money. A gateway that fails leaves the payment `refund_pending` with
 * the error, and the schedule tries again with backoff until it succeeds.
 */
export async function refundOrder(ctx: ActorContext, orderId: string): Promise<AdminOrder> {
  const payment = await ctx.transaction(async (tx) => {
    await transition(tx, orderId, "refunded", { kind: "staff", id: ctx.actor.id });
    const paid = await succeededPaymentOf(tx, orderId);
    if (paid) await markForRefund(tx, paid.id, "the order was refunded");
    return paid;
  });
  if (payment) await refundPayment(ctx, payment.id, { now: true });
  ctx.live.orders([orderId]);
  return staffView((await findOrder(ctx.db, orderId)) as NonNullable<Awaited<ReturnType<typeof findOrder>>>);
}

/**
 * Staff refund one payment of an order: one waiting to be refunded is tried again now; the one that
 * paid the order refunds the order (as `refundOrder`). Anything else has no money to give back.
 */
export async function refundOnePayment(ctx: ActorContext, orderId: string, paymentId: string) {
  const movedOrder = await ctx.transaction(async (tx) => {
    const payment = await lockPaymentOfOrder(tx, orderId, paymentId);
    if (!payment) throw new AppError("not_found", "No such payment of this order.");
    if (payment.status === "refund_pending") return false;
    if (payment.status !== "succeeded") {
      throw new AppError("invalid_transition", `A payment that is ${payment.status} has no money to give back.`, {
        status: payment.status,
      });
    }
    await transition(tx, orderId, "refunded", { kind: "staff", id: ctx.actor.id }, "payment refunded by staff");
    await markForRefund(tx, payment.id, "refunded by staff");
    return true;
  });
  await refundPayment(ctx, paymentId, { now: true });
  if (movedOrder) ctx.live.orders([orderId]);
  return orderWithPayments(ctx, orderId);
}

/** An order for staff with every payment attempt and what its gateway reported, oldest first. */
export async function orderWithPayments(ctx: ShopContext, orderId: string) {
  const [order, payments] = await Promise.all([findOrder(ctx.db, orderId), paymentsOfOrder(ctx.db, orderId)]);
  if (!order) throw new AppError("not_found", "No such order.");
  return { ...staffView(order), payments };
}

/**
 * Whether the sandbox bank still takes money for a payment: open (or declined, to try again), not
 * expired, and its order still payable.
 */
const sessionOpen = (payment: PaymentRow & { order_payable: boolean }) =>
  (payment.status === "pending" || payment.status === "failed") &&
  (payment.expires_at === null || Date.parse(payment.expires_at) > Date.now()) &&
  payment.order_payable;

/** The sandbox bank's view of a payment, for its page. */
export async function sandboxPayment(ctx: ShopContext, authority: string) {
  const payment = await findPaymentByAuthority(ctx.db, "sandbox", authority);
  if (!payment) throw new AppError("not_found", "No such payment at the sandbox bank.");
  return { ...payment, open: sessionOpen(payment) };
}

/**
 * The sandbox bank's buttons: it signs the outcome and delivers it to the shop's callback endpoint
 * exactly as a real gateway would, then sends the shopper back to the order. Like a real gateway's
 * session, it takes money once, and not after the session closed (paid, replaced, or expired with the
 * order's reservation): 409 `invalid_transition` then.
 */
export async function sandboxPay(
  ctx: ShopContext,
  authority: string,
  outcome: "success" | "failure",
  deliver: (body: string, signature: string) => Promise<Response>,
) {
  const payment = await sandboxPayment(ctx, authority);
  if (!payment.open) {
    throw new AppError("invalid_transition", "This payment is closed: go back to the order to pay again.", {
      status: payment.status,
      redirectUrl: `/orders/${payment.order_id}`,
    });
  }
  // A session is charged once, even by two presses at once (two tabs of the bank's page).
  const charge = `sandbox:charged:${authority}`;
  if (outcome === "success" && (await ctx.redis.set(charge, "1", { nx: true, ex: 24 * 3600 })) === null) {
    throw new AppError("invalid_transition", "This payment is closed: go back to the order to pay again.", {
      status: "succeeded",
      redirectUrl: `/orders/${payment.order_id}`,
    });
  }
  const bank = ctx.gateway("sandbox") as SandboxGateway;
  const signed = await bank.signCallback({ authority, outcome, amount: payment.amount, currency: payment.currency });
  const delivered = await deliver(signed.body, signed.signature);
  if (!delivered.ok) {
    // The shop did not take the payment: the bank did not charge, and the shopper may press again.
    if (outcome === "success") await ctx.redis.del(charge);
    throw new AppError("unavailable", "The shop did not accept the bank's callback.");
  }
  return { redirectUrl: `/orders/${payment.order_id}` };
}
