import { sql } from "drizzle-orm";
import { AppError } from "../lib/errors.ts";
import { parseUsername } from "../lib/parse-username.ts";
import { timingSafeEqual } from "../lib/password.ts";
import { enforceLimits } from "../lib/rate-limit.ts";
import { orderKey } from "../lib/tokens.ts";
import { orderLinkText } from "../notifications/message.ts";
import type { ShopContext } from "../platform/context.ts";
import { findOrder, type OrderRow } from "../repositories/orders.repository.ts";
import type { GuestCheckoutInput, GuestOrder } from "../schemas/orders.ts";
import { guestCheckout } from "./checkout.service.ts";
import { canceled, currentOrder, shopperView, transition } from "./orders.service.ts";
import { payFor } from "./payments.service.ts";

/*
 * What a guest does with an order, without an account: places it, opens it by its key (the link the
 * checkout answers, or the one sent to its email), pays it, cancels it. The key is the shop's HMAC of
 * the order's id: nothing to store, nothing to guess.
 */

const keyOf = (ctx: ShopContext, orderId: string) => orderKey(ctx.config.otpSecret, orderId);

/** The order a key opens, as it is now; anything else is 404, as if it did not exist. */
async function openedOrder(ctx: ShopContext, orderId: string, key: string): Promise<OrderRow> {
  const expected = new TextEncoder().encode(await keyOf(ctx, orderId));
  const given = new TextEncoder().encode(key);
  const order = timingSafeEqual(expected, given) ? await currentOrder(ctx, orderId) : undefined;
  if (!order) throw new AppError("not_found", "No such order.");
  return order;
}

async function guestView(ctx: ShopContext, order: OrderRow): Promise<GuestOrder> {
  return {
    ...shopperView(order),
    email: order.guestEmail ?? order.username,
    phone: order.guestPhone,
    key: await keyOf(ctx, order.id),
  };
}

/** A guest's phone in E.164, read in the shop's region; anything else is 400 naming the field. */
function guestPhone(ctx: ShopContext, raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const parsed = parseUsername(raw, ctx.config.phoneRegion);
  if (parsed?.channel !== "sms") {
    throw new AppError("invalid_request", "The phone number is not valid.", [
      { path: "phone", message: "not a valid phone number" },
    ]);
  }
  return parsed.value;
}

/**
 * A guest's checkout. An address places a bounded number of orders (each reserves stock); the email
 * is kept lower-cased, as accounts keep theirs, so the order joins the account that verifies it.
 */
export async function placeGuestOrder(
  ctx: ShopContext,
  input: GuestCheckoutInput,
  idempotencyKey: string,
  clientAddress: string,
): Promise<{ order: GuestOrder; created: boolean }> {
  const normalized = {
    ...input,
    email: input.email.trim().toLowerCase(),
    phone: guestPhone(ctx, input.phone) ?? undefined,
  };
  await enforceLimits(ctx.redis, [["guestCheckoutPerIp", clientAddress]]);
  const { order, created } = await guestCheckout(ctx, normalized, idempotencyKey);
  return { order: await guestView(ctx, order), created };
}

export async function guestOrder(ctx: ShopContext, orderId: string, key: string): Promise<GuestOrder> {
  return guestView(ctx, await openedOrder(ctx, orderId, key));
}

export async function cancelGuestOrder(ctx: ShopContext, orderId: string, key: string): Promise<GuestOrder> {
  await openedOrder(ctx, orderId, key);
  await transition(ctx.db, orderId, "canceled", { kind: "customer", id: null }, "canceled by the shopper");
  canceled(ctx, [orderId]);
  return guestView(ctx, (await findOrder(ctx.db, orderId)) as OrderRow);
}

export async function payGuestOrder(ctx: ShopContext, orderId: string, key: string, origin: string) {
  return payFor(ctx, await openedOrder(ctx, orderId, key), origin);
}

/**
 * Sends the link to an order to the email it was placed with, when the email and the number belong
 * together. The answer is the same either way and does not wait for the message: nobody learns
 * which emails ordered, or what.
 */
export async function sendOrderLink(
  ctx: ShopContext,
  input: { email: string; number: number },
  origin: string,
  clientAddress: string,
): Promise<void> {
  const email = input.email.trim().toLowerCase();
  await enforceLimits(ctx.redis, [
    ["orderLinkPerIp", clientAddress],
    ["orderLinkPerEmail", email],
  ]);
  ctx.afterAnswer("order link", async () => {
    const { rows } = await ctx.db.execute<{ id: string }>(sql`
      SELECT id FROM orders WHERE number = ${input.number} AND guest_email = ${email}`);
    const order = rows[0];
    if (!order) return;
    const link = `${origin}/orders/${order.id}?key=${await keyOf(ctx, order.id)}`;
    await ctx.notifier.send({
      to: email,
      channel: "email",
      purpose: "order_link",
      code: null,
      text: orderLinkText(input.number, link),
    });
  });
}
