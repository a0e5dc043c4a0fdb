import { sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { type OrderStatus, sourcesOf, staffMoves } from "../domain/order-status.ts";
import { cursorKeys, decodeCursor, pageOf } from "../lib/cursor.ts";
import { AppError } from "../lib/errors.ts";
import {
  type Actor,
  findOrder,
  listOrdersOf,
  moveOrder,
  type OrderSearch,
  type OrderView,
  orderStatusOf,
  searchOrders,
} from "../repositories/orders.repository.ts";
import type { UserRow } from "../repositories/users.repository.ts";
import type { Order } from "../schemas/orders.ts";
import type { Live } from "./live.service.ts";

export function toOrder(view: OrderView): Order {
  return {
    id: view.id,
    status: view.status,
    items: view.items,
    subtotal: view.subtotal,
    discount: view.discount,
    tax: view.tax,
    shipping: view.shipping,
    total: view.total,
    currency: view.currency,
    couponCode: view.coupon_code,
    shippingAddress: view.shipping_address,
    createdAt: view.created_at,
    expiresAt: view.expires_at,
    events: view.events,
  };
}

const isStaff = (user: UserRow) => user.role === "staff" || user.role === "admin";

/**
 * Cancels unpaid orders whose reservation has run out and gives their stock and coupon uses back.
 * Runs on the schedule for all orders, and before reads for the reader's own.
 */
export async function expireReservations(db: Database, live: Live, userId?: string): Promise<string[]> {
  const where = userId ? sql`o.user_id = ${userId} AND o.expires_at <= now()` : sql`o.expires_at <= now()`;
  const expired = await moveOrder(
    db,
    where,
    ["pending_payment"],
    "canceled",
    { kind: "system", id: null },
    "reservation expired",
  );
  live.orders(expired);
  return expired;
}

export async function listMyOrders(db: Database, live: Live, user: UserRow, limit: number, cursor?: string) {
  await expireReservations(db, live, user.id);
  const rows = await listOrdersOf(db, user.id, limit + 1, cursor ? decodeCursor(cursor, cursorKeys.time) : undefined);
  const page = pageOf(rows, limit, (row) => [row.created_at, row.id]);
  return { ...page, items: page.items.map(toOrder) };
}

/** Staff's search over every order, newest first, keyset-paged. */
export async function searchAllOrders(db: Database, query: OrderSearch & { limit: number; cursor?: string }) {
  const { limit, cursor, ...search } = query;
  const rows = await searchOrders(db, search, limit + 1, cursor ? decodeCursor(cursor, cursorKeys.time) : undefined);
  const page = pageOf(rows, limit, (row) => [row.created_at, row.id]);
  return { ...page, items: page.items.map((row) => ({ ...toOrder(row), username: row.username })) };
}

/** An order its owner, staff or an admin may see; anyone else gets 404, as if it did not exist. */
export async function getVisibleOrder(db: Database, live: Live, user: UserRow, id: string): Promise<OrderView> {
  const owner = await orderStatusOf(db, id);
  if (!owner || (owner.user_id !== user.id && !isStaff(user))) throw new AppError("not_found", "No such order.");
  await expireReservations(db, live, owner.user_id);
  const order = await findOrder(db, id);
  if (!order) throw new AppError("not_found", "No such order.");
  return order;
}

/** Applies one move of the status machine; a move it does not allow is 409 `invalid_transition`. */
export async function transition(db: Database, id: string, to: OrderStatus, actor: Actor, note: string | null = null) {
  const moved = await moveOrder(db, sql`o.id = ${id}`, sourcesOf(to), to, actor, note);
  if (moved.length === 0) {
    const current = await orderStatusOf(db, id);
    if (!current) throw new AppError("not_found", "No such order.");
    throw new AppError(
      current.status === "paid" && to === "paid" ? "already_paid" : "invalid_transition",
      `An order that is ${current.status} cannot become ${to}.`,
      {
        from: current.status,
        to,
      },
    );
  }
}

export async function cancelMyOrder(db: Database, live: Live, user: UserRow, id: string): Promise<Order> {
  const order = await getVisibleOrder(db, live, user, id);
  if (order.user_id !== user.id) throw new AppError("not_found", "No such order.");
  await transition(db, id, "canceled", { kind: "customer", id: user.id }, "canceled by the shopper");
  live.orders([id]);
  return toOrder((await findOrder(db, id)) as OrderView);
}

export async function moveByStaff(
  db: Database,
  live: Live,
  staff: UserRow,
  id: string,
  to: OrderStatus,
): Promise<Order> {
  if (!staffMoves.includes(to)) {
    throw new AppError(
      "invalid_transition",
      `Staff move orders to ${staffMoves.join(", ")}; payment, cancellation and refund have their own routes.`,
    );
  }
  await transition(db, id, to, { kind: "staff", id: staff.id });
  live.orders([id]);
  return toOrder((await findOrder(db, id)) as OrderView);
}
