import { type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { type OrderStatus, sourcesOf, staffMoves } from "../domain/order-status.ts";
import { cursorKeys, decodeCursor, pageOf } from "../lib/cursor.ts";
import { AppError } from "../lib/errors.ts";
import type { ActorContext, ShopContext } from "../platform/context.ts";
import {
  type Actor,
  findOrder,
  type MoveExtras,
  moveOrder,
  moveOrderStatement,
  type OrderRow,
  type OrderSearch,
  orderStatement,
  orderStatusOf,
  ordersOfStatement,
  searchOrders,
} from "../repositories/orders.repository.ts";
import type { AdminOrder, Order } from "../schemas/orders.ts";
import { closeSessionsOf } from "./refunds.service.ts";

/** An order as its owner sees it. */
export function shopperView({
  userId: _,
  username: __,
  requestHash: ___,
  guestEmail: ____,
  guestPhone: _____,
  ...order
}: OrderRow): Order {
  return order;
}

/** An order as staff see it, with whose it is. */
export const staffView = ({ requestHash: _, ...order }: OrderRow): AdminOrder => order;

const isStaff = (user: { role: string }) => user.role === "staff" || user.role === "admin";

/** One order in the staff's view, or undefined (pushes to the rooms read orders this way). */
export async function orderById(ctx: ShopContext, id: string): Promise<AdminOrder | undefined> {
  const row = await findOrder(ctx.db, id);
  return row && staffView(row);
}

const expiring = (ctx: ShopContext, where: SQL) =>
  moveOrderStatement(
    ctx.db,
    where,
    ["pending_payment"],
    "canceled",
    { kind: "system", id: null },
    "reservation expired",
  );

/**
 * Cancels unpaid orders whose reservation has run out and gives their stock and coupon uses back.
 * Runs on the schedule for all orders; reads of one's orders do it for that user in the same round
 * trip as the read (see `readAfterExpiring`).
 */
export async function expireReservations(ctx: ShopContext, userId?: string): Promise<string[]> {
  const where = userId ? sql`o.user_id = ${userId} AND o.expires_at <= now()` : sql`o.expires_at <= now()`;
  const expired = (await expiring(ctx, where)).rows.map((row) => row.id);
  canceled(ctx, expired);
  return expired;
}

/** What follows orders' cancellation once it committed: the rooms hear of it, gateways close their sessions. */
export function canceled(ctx: ShopContext, orderIds: string[]) {
  ctx.live.orders(orderIds);
  closeSessionsOf(ctx, orderIds);
}

/** A read of orders that first expires the stale reservations of their owner, in one batch. */
function readAfterExpiring(ctx: ShopContext, owner: SQL, read: ReturnType<typeof orderStatement>) {
  return readAfterExpiringWhere(ctx, sql`o.user_id = ${owner}`, read);
}

/** A read of orders that first expires the stale reservations of the orders `which` names, in one batch. */
async function readAfterExpiringWhere(ctx: ShopContext, which: SQL, read: ReturnType<typeof orderStatement>) {
  const [expired, result] = await ctx.db.batch([expiring(ctx, sql`${which} AND o.expires_at <= now()`), read]);
  canceled(
    ctx,
    expired.rows.map((row) => row.id),
  );
  return result.rows;
}

export async function listMyOrders(ctx: ActorContext, page: { limit: number; cursor?: string }) {
  const after = page.cursor ? decodeCursor(page.cursor, cursorKeys.time) : undefined;
  const rows = await readAfterExpiring(
    ctx,
    sql`${ctx.actor.id}::uuid`,
    ordersOfStatement(ctx.db, ctx.actor.id, page.limit + 1, after),
  );
  const listed = pageOf(rows, page.limit, (row) => [row.createdAt, row.id]);
  return { ...listed, items: listed.items.map(shopperView) };
}

/** Staff's search over every order, newest first, keyset-paged. */
export async function searchAllOrders(ctx: ShopContext, query: OrderSearch & { limit: number; cursor?: string }) {
  const { limit, cursor, ...search } = query;
  const rows = await searchOrders(
    ctx.db,
    search,
    limit + 1,
    cursor ? decodeCursor(cursor, cursorKeys.time) : undefined,
  );
  const listed = pageOf(rows, limit, (row) => [row.createdAt, row.id]);
  return { ...listed, items: listed.items.map(staffView) };
}

/** An order its owner, staff or an admin may see; anyone else gets 404, as if it did not exist. */
async function visibleOrder(ctx: ActorContext, id: string): Promise<OrderRow> {
  const [order] = await readAfterExpiring(
    ctx,
    sql`(SELECT user_id FROM orders WHERE id = ${id})`,
    orderStatement(ctx.db, id),
  );
  if (!order || (order.userId !== ctx.actor.id && !isStaff(ctx.actor))) {
    throw new AppError("not_found", "No such order.");
  }
  return order;
}

export const getMyOrder = async (ctx: ActorContext, id: string) => shopperView(await visibleOrder(ctx, id));

/** One order read as it is now (its reservation expired first if it ran out): for a guest's key. */
export async function currentOrder(ctx: ShopContext, id: string): Promise<OrderRow | undefined> {
  const [order] = await readAfterExpiringWhere(ctx, sql`o.id = ${id}`, orderStatement(ctx.db, id));
  return order;
}

/** Applies one move of the status machine; a move it does not allow is 409 `invalid_transition`. */
export async function transition(
  db: Database,
  id: string,
  to: OrderStatus,
  actor: Actor,
  note: string | null = null,
  extras: MoveExtras = {},
) {
  const moved = await moveOrder(db, sql`o.id = ${id}`, sourcesOf(to), to, actor, note, extras);
  if (moved.length === 0) {
    const current = await orderStatusOf(db, id);
    if (!current) throw new AppError("not_found", "No such order.");
    throw new AppError(
      current.status === "paid" && to === "paid" ? "already_paid" : "invalid_transition",
      `An order that is ${current.status} cannot become ${to}.`,
      { from: current.status, to },
    );
  }
}

export async function cancelMyOrder(ctx: ActorContext, id: string): Promise<Order> {
  const order = await visibleOrder(ctx, id);
  if (order.userId !== ctx.actor.id) throw new AppError("not_found", "No such order.");
  await transition(ctx.db, id, "canceled", { kind: "customer", id: ctx.actor.id }, "canceled by the shopper");
  canceled(ctx, [id]);
  return shopperView((await findOrder(ctx.db, id)) as OrderRow);
}

export async function moveByStaff(ctx: ActorContext, id: string, to: OrderStatus): Promise<AdminOrder> {
  if (!staffMoves.includes(to)) {
    throw new AppError(
      "invalid_transition",
      `Staff move orders to ${staffMoves.join(", ")}; payment, cancellation and refund have their own routes.`,
    );
  }
  await transition(ctx.db, id, to, { kind: "staff", id: ctx.actor.id }, null, { audit: "order.status" });
  ctx.live.orders([id]);
  return staffView((await findOrder(ctx.db, id)) as OrderRow);
}
