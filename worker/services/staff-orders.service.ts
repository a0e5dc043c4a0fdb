import type { OrderStatus } from "../domain/order-status.ts";
import { sourcesOf } from "../domain/order-status.ts";
import { trackingUrlOf } from "../domain/shipment.ts";
import { AppError } from "../lib/errors.ts";
import type { ActorContext } from "../platform/context.ts";
import {
  correctShipmentStatement,
  moveOrderStatement,
  type OrderRow,
  orderIdIn,
  ordersStatement,
  type Shipment,
} from "../repositories/orders.repository.ts";
import type { AdminOrder, BulkOrdersInput, BulkOrdersResult, ShipInput } from "../schemas/orders.ts";
import { canceled, staffView } from "./orders.service.ts";

/*
 * What staff do to orders by hand, one or many at a time with the same rules: ship (with the parcel's
 * carrier and tracking) and cancel. Each action is one batch (one round trip, one transaction) of
 * conditional moves, each audited per order, then a read of every order named; an order the move did
 * not take stays as it was and is reported with why.
 */

type Outcome = BulkOrdersResult["results"][number];

/** Why an order in `status` was not shipped or canceled, in staff's words. */
function refusal(action: "ship" | "cancel", number: number, status: OrderStatus): string {
  const name = `Order #${number}`;
  if (action === "ship") {
    if (status === "pending_payment") return `${name} is not paid`;
    if (status === "shipped" || status === "delivered") return `${name} has already shipped`;
    return `${name} is ${status}`;
  }
  if (status === "canceled") return `${name} is already canceled`;
  if (status === "refunded") return `${name} is refunded`;
  return `${name} is ${status.replace("_", " ")}: only an order awaiting payment can be canceled (refund a paid one)`;
}

/** Each order's outcome in the order the ids were given, from the orders read after the moves. */
function outcomes(action: "ship" | "cancel", ids: string[], moved: Set<string>, rows: OrderRow[]): Outcome[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id): Outcome => {
    const row = byId.get(id);
    if (!row)
      return { id, ok: false, number: null, status: null, error: { code: "not_found", message: "No such order" } };
    if (moved.has(id)) return { id, ok: true, order: staffView(row) };
    return {
      id,
      ok: false,
      number: row.number,
      status: row.status,
      error: { code: "invalid_transition", message: refusal(action, row.number, row.status) },
    };
  });
}

/**
 * Ships paid or processing orders (a paid one is processed and shipped in the same step, both in its
 * history), recording the parcel on each; the rooms hear of those shipped.
 */
export async function shipOrders(ctx: ActorContext, ids: string[], shipment: Shipment): Promise<Outcome[]> {
  const unique = [...new Set(ids)];
  const staff = { kind: "staff", id: ctx.actor.id } as const;
  const where = orderIdIn(unique);
  const [, shipped, read] = await ctx.db.batch([
    moveOrderStatement(ctx.db, where, sourcesOf("processing"), "processing", staff, null),
    moveOrderStatement(ctx.db, where, sourcesOf("shipped"), "shipped", staff, null, {
      shipment,
      audit: "order.ship",
    }),
    ordersStatement(ctx.db, unique),
  ]);
  const moved = new Set(shipped.rows.map((row) => row.id));
  if (moved.size > 0) ctx.live.orders([...moved]);
  return outcomes("ship", unique, moved, read.rows);
}

/** Cancels orders awaiting payment for their shoppers: stock and coupon uses come back, sessions close. */
export async function cancelOrders(ctx: ActorContext, ids: string[], note: string | null): Promise<Outcome[]> {
  const unique = [...new Set(ids)];
  const staff = { kind: "staff", id: ctx.actor.id } as const;
  const [moved, read] = await ctx.db.batch([
    moveOrderStatement(
      ctx.db,
      orderIdIn(unique),
      sourcesOf("canceled"),
      "canceled",
      staff,
      note ?? "canceled by staff",
      {
        audit: "order.cancel",
      },
    ),
    ordersStatement(ctx.db, unique),
  ]);
  const done = moved.rows.map((row) => row.id);
  if (done.length > 0) canceled(ctx, done);
  return outcomes("cancel", unique, new Set(done), read.rows);
}

/** One order's outcome as the single-order routes answer it: the order, or the error that kept it. */
function oneOf([outcome]: Outcome[], to: OrderStatus): AdminOrder {
  if (outcome.ok) return outcome.order;
  if (outcome.error.code === "not_found") throw new AppError("not_found", "No such order.");
  throw new AppError("invalid_transition", `${outcome.error.message}.`, { from: outcome.status, to });
}

/** Ships one order with its carrier and tracking (the link follows from a known carrier's number). */
export async function shipOrder(ctx: ActorContext, id: string, input: ShipInput): Promise<AdminOrder> {
  const trackingNumber = input.trackingNumber ?? null;
  const trackingUrl = trackingUrlOf(input.carrier, trackingNumber, input.trackingUrl ?? null);
  return oneOf(await shipOrders(ctx, [id], { carrier: input.carrier, trackingNumber, trackingUrl }), "shipped");
}

/**
 * Corrects the parcel of an order already shipped (or delivered): a tracking number that came after
 * a bulk shipment, a carrier mistyped. The shopper's page shows it at once.
 */
export async function correctShipment(ctx: ActorContext, id: string, input: ShipInput): Promise<AdminOrder> {
  const trackingNumber = input.trackingNumber ?? null;
  const trackingUrl = trackingUrlOf(input.carrier, trackingNumber, input.trackingUrl ?? null);
  const [changed, read] = await ctx.db.batch([
    correctShipmentStatement(ctx.db, id, { carrier: input.carrier, trackingNumber, trackingUrl }, ctx.actor.id),
    ordersStatement(ctx.db, [id]),
  ]);
  const order = read.rows[0];
  if (!order) throw new AppError("not_found", "No such order.");
  if (changed.rows.length === 0) {
    throw new AppError("invalid_transition", `Order #${order.number} has not shipped: ship it first.`, {
      status: order.status,
    });
  }
  ctx.live.orders([id]);
  return staffView(order);
}

/** Staff cancel an unpaid order for the shopper: its stock and coupon use come back. */
export async function cancelByStaff(ctx: ActorContext, id: string, note?: string): Promise<AdminOrder> {
  return oneOf(await cancelOrders(ctx, [id], note ?? null), "canceled");
}

/** One action on several orders, each order's outcome reported: those it could not take stay as they were. */
export async function bulkOrders(ctx: ActorContext, input: BulkOrdersInput): Promise<BulkOrdersResult> {
  const results =
    input.action === "ship"
      ? await shipOrders(ctx, input.ids, { carrier: input.carrier ?? null, trackingNumber: null, trackingUrl: null })
      : await cancelOrders(ctx, input.ids, input.note ?? null);
  return { action: input.action, results };
}
