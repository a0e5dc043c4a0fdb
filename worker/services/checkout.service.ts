import { meetsMinimum, priceOrder } from "../domain/pricing.ts";
import { AppError } from "../lib/errors.ts";
import { sha256Hex } from "../lib/tokens.ts";
import type { ActorContext } from "../platform/context.ts";
import type { StockChange } from "../platform/live.ts";
import { emptyCart, lockCart } from "../repositories/cart.repository.ts";
import { findUserCoupon, takeCouponUse } from "../repositories/coupons.repository.ts";
import {
  cartShortages,
  countCartLines,
  findOrder,
  findOrderByKey,
  insertOrder,
  lockIdempotencyKey,
  type OrderRow,
  type ReservedLine,
  reserveCartStock,
} from "../repositories/orders.repository.ts";
import type { CheckoutInput } from "../schemas/orders.ts";
import { couponRefusal, termsOf } from "./coupons.service.ts";

/** Fault injection for tests: runs inside the transaction right after stock is reserved. */
export interface CheckoutHooks {
  afterStockReserved?: () => Promise<void>;
}

export interface CheckoutResult {
  order: OrderRow;
  created: boolean;
}

/** A stable text of the request body, so a retried request matches its first attempt. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * Turns the cart into an order in one transaction: prices from the database, stock reserved for
 * every line or none, the coupon use counted within its limits, the order written, the cart emptied.
 * The same idempotency key returns the same order; with another body it is 409.
 */
export async function checkout(
  ctx: ActorContext,
  input: CheckoutInput,
  idempotencyKey: string,
  hooks: CheckoutHooks = {},
): Promise<CheckoutResult> {
  const userId = ctx.actor.id;
  const { config } = ctx;
  const requestHash = await sha256Hex(canonical(input));
  const result = await ctx.transaction(async (tx): Promise<CheckoutResult & { reserved: ReservedLine[] }> => {
    await lockIdempotencyKey(tx, userId, idempotencyKey);
    const existing = await findOrderByKey(tx, userId, idempotencyKey);
    if (existing) {
      if (existing.requestHash !== requestHash) {
        throw new AppError("idempotency_conflict", "This Idempotency-Key was used with a different request.");
      }
      return { order: existing, created: false, reserved: [] };
    }

    // One checkout per cart at a time: the cart row stays locked until commit.
    const cartId = await lockCart(tx, userId);
    const lineCount = await countCartLines(tx, cartId);
    if (lineCount === 0) throw new AppError("cart_empty", "The cart is empty.");

    const reserved = await reserveCartStock(tx, cartId);
    if (reserved.length < lineCount) {
      throw new AppError("insufficient_stock", "Some items are no longer in stock in the quantity asked.", {
        items: await cartShortages(tx, cartId),
      });
    }
    await hooks.afterStockReserved?.();

    const lines = reserved.map((line) => ({
      unitPrice: line.unit_price,
      quantity: line.quantity,
      shippingAmount: line.shipping_amount,
    }));
    const subtotal = lines.reduce((sum, line) => sum + line.unitPrice * line.quantity, 0);
    let coupon: Awaited<ReturnType<typeof takeCouponUse>>;
    if (input.couponCode) {
      coupon = await takeCouponUse(tx, userId, input.couponCode);
      if (!coupon) {
        const why = couponRefusal(await findUserCoupon(tx, userId, input.couponCode), subtotal);
        throw why ?? new AppError("coupon_exhausted", "This coupon has been used up.");
      }
      if (!meetsMinimum(subtotal, termsOf(coupon))) {
        throw new AppError("coupon_invalid", "The cart is below this coupon's minimum.", {
          minSubtotal: coupon.min_subtotal,
        });
      }
    }
    const breakdown = priceOrder(lines, config.taxRateBps, coupon ? termsOf(coupon) : undefined);

    const orderId = await insertOrder(tx, {
      userId,
      currency: config.currency,
      subtotal: breakdown.subtotal,
      discount: breakdown.discount,
      tax: breakdown.tax,
      shipping: breakdown.shipping,
      couponCode: coupon ? (input.couponCode ?? null) : null,
      userCouponId: coupon?.id ?? null,
      shippingAddress: input.shippingAddress,
      idempotencyKey,
      requestHash,
      reservationMinutes: config.reservationMinutes,
      lines: reserved,
    });
    await emptyCart(tx, cartId);
    const order = await findOrder(tx, orderId);
    if (!order) throw new Error("the order just written is missing");
    return { order, created: true, reserved };
  });
  if (result.created) ctx.live.checkout(userId, result.order.id, result.reserved.map(stockChange));
  return { order: result.order, created: result.created };
}

const stockChange = (line: ReservedLine): StockChange => ({
  productId: line.product_id,
  name: line.name,
  stockQty: line.stock_qty,
  threshold: line.low_stock_threshold,
});
