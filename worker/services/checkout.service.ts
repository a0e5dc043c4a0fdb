import { sql } from "drizzle-orm";
import { maxPendingOrders } from "../domain/limits.ts";
import { quote } from "../domain/quote.ts";
import { AppError } from "../lib/errors.ts";
import { refusalOf } from "../lib/pg-errors.ts";
import { sha256Hex } from "../lib/tokens.ts";
import type { ActorContext, ShopContext } from "../platform/context.ts";
import type { StockChange } from "../platform/live.ts";
import { cartLinesStatement } from "../repositories/cart.repository.ts";
import {
  insertOrderStatement,
  linesOfItemsStatement,
  lockKeyStatement,
  moveOrderStatement,
  type OrderLine,
  type OrderRow,
  type Owner,
  orderByKeyStatement,
  ownedBy,
  refusePendingBeyondStatement,
  refuseReplayStatement,
  reserveStatement,
  takeCartStatement,
  takeCouponStatement,
} from "../repositories/orders.repository.ts";
import {
  type Offers,
  offersStatement,
  type PromotionTaken,
  recordUsesStatement,
  takePromotionStatement,
} from "../repositories/promotions.repository.ts";
import {
  refuseChangedConfigStatement,
  shippingTaxConfigOf,
  shippingTaxConfigStatement,
} from "../repositories/shipping.repository.ts";
import type { CheckoutInput, GuestCheckoutInput } from "../schemas/orders.ts";
import { codeView, promoLinesOf } from "./cart-pricing.ts";
import { couponRefusal } from "./coupons.service.ts";
import { codeStateOf, couponPromotionId, pricingOffers } from "./offers.service.ts";
import { refuseBeyondOrderLimit } from "./order-limits.ts";

type Statement = Parameters<ShopContext["db"]["batch"]>[0][number];

/** Fault injection for tests: statements that run between the reads, or right after the stock is reserved. */
export interface CheckoutHooks {
  betweenReads?: (ctx: ActorContext) => Statement;
  afterStockReserved?: (ctx: ActorContext) => Statement;
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

const sameRequest = (order: OrderRow, requestHash: string): CheckoutResult => {
  if (order.requestHash !== requestHash) {
    throw new AppError("idempotency_conflict", "This Idempotency-Key was used with a different request.");
  }
  return { order, created: false };
};

/** A checkout is tried again once when its cart changed between its two round trips. */
const attempts = 2;

/**
 * Who checks out: a signed-in shopper with their cart (and the coupons granted to them), or a guest
 * with the lines of their browser's cart, known by the email they gave.
 */
export type Buyer =
  | { kind: "account"; userId: string; couponCode?: string }
  | {
      kind: "guest";
      email: string;
      phone: string | null;
      items: { variantId: string; quantity: number }[];
      promotionCode?: string;
    };

const ownerOf = (buyer: Buyer): Owner =>
  buyer.kind === "account" ? { userId: buyer.userId } : { guestEmail: buyer.email };

/**
 * Turns the cart into an order in two round trips. The first reads the cart, any order already
 * placed under the key and the coupon; the money is priced here, by the same function as every
 * preview. The second is one transaction in which conditional updates decide: it reserves every
 * line's stock or none, takes the coupon use within its limits, writes the order and empties the
 * cart, and gives up if the cart or its prices changed since they were read (then it is tried again).
 * The same idempotency key returns the same order; with another body it is 409.
 */
export function checkout(
  ctx: ActorContext,
  input: CheckoutInput,
  idempotencyKey: string,
  hooks: CheckoutHooks = {},
): Promise<CheckoutResult> {
  const buyer: Buyer = { kind: "account", userId: ctx.actor.id, couponCode: input.couponCode };
  return placeOrder(ctx, buyer, input, idempotencyKey, hooks);
}

/**
 * A guest's checkout: the lines of their browser's cart, priced from each variant as it is now,
 * in the same two round trips as a shopper's (no cart to empty, no coupons: coupons are granted to
 * accounts). The same idempotency key and email return the same order.
 */
export function guestCheckout(ctx: ShopContext, input: GuestCheckoutInput, idempotencyKey: string) {
  const buyer: Buyer = {
    kind: "guest",
    email: input.email,
    phone: input.phone ?? null,
    items: input.items,
    promotionCode: input.promotionCode,
  };
  return placeOrder(ctx, buyer, input, idempotencyKey, {});
}

async function placeOrder(
  ctx: ShopContext,
  buyer: Buyer,
  input: unknown,
  idempotencyKey: string,
  hooks: CheckoutHooks,
): Promise<CheckoutResult> {
  const requestHash = await sha256Hex(canonical(input));
  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptCheckout(ctx, buyer, input as Orderable, idempotencyKey, requestHash, hooks);
    } catch (error) {
      const refusal = refusalOf(error);
      if (refusal?.code === "replayed") {
        const [placed] = (await orderByKeyStatement(ctx.db, ownerOf(buyer), idempotencyKey)).rows;
        if (placed) return sameRequest(placed, requestHash);
      }
      const changed = refusal?.code === "cart_changed" || refusal?.code === "promotion_changed";
      if (changed && attempt < attempts) continue;
      if (changed) {
        throw new AppError("conflict", "The cart changed while it was being checked out; try again.");
      }
      if (
        refusal &&
        refusal.code !== "replayed" &&
        refusal.code !== "cart_changed" &&
        refusal.code !== "promotion_changed"
      )
        throw new AppError(refusal.code, refusalMessages[refusal.code] ?? refusal.code, refusal.details);
      throw error;
    }
  }
}

/** What every checkout body carries: where the order goes, and how (the cheapest way when unsaid). */
type Orderable = Pick<CheckoutInput, "shippingAddress" | "shippingMethodId" | "expectedTotal">;

const refusalMessages: Record<string, string> = {
  insufficient_stock: "Some items are no longer in stock in the quantity asked.",
  too_many_pending_orders: `You have ${maxPendingOrders} unpaid orders: pay or cancel one before placing another.`,
  coupon_invalid: "This coupon code is not valid.",
  coupon_expired: "This coupon has expired.",
  coupon_exhausted: "This coupon has been used up.",
};

async function attemptCheckout(
  ctx: ShopContext,
  buyer: Buyer,
  input: Orderable,
  idempotencyKey: string,
  requestHash: string,
  hooks: CheckoutHooks,
): Promise<CheckoutResult> {
  const owner = ownerOf(buyer);
  const userId = buyer.kind === "account" ? buyer.userId : null;
  // A code named in the request must apply; the one kept on the cart applies when it can (the cart said why not).
  const namedCode = buyer.kind === "account" ? buyer.couponCode : buyer.promotionCode;
  const { config, db } = ctx;
  // Each statement sees what was committed when it began, so the cart is read before the order
  // under the key: a checkout under the same key committing in between then shows as that order,
  // never as an empty cart with no order.
  const pause = hooks.betweenReads ? [hooks.betweenReads(ctx as ActorContext)] : [];
  const reads: [Statement, ...Statement[]] = [
    buyer.kind === "account" ? cartLinesStatement(db, buyer.userId) : linesOfItemsStatement(db, buyer.items),
    ...pause,
    orderByKeyStatement(db, owner, idempotencyKey),
    shippingTaxConfigStatement(db),
    offersStatement(db, owner, namedCode),
  ];
  const [cart, ...rest] = (await db.batch(reads)) as unknown[];
  const [placed, shop, offersRead] = rest.slice(pause.length) as [
    { rows: OrderRow[] },
    Awaited<ReturnType<typeof shippingTaxConfigStatement>>,
    { rows: { offers: Offers }[] },
  ];
  const lines = (cart as Awaited<ReturnType<typeof cartLinesStatement>>).rows;
  if (placed.rows[0]) return sameRequest(placed.rows[0], requestHash);

  if (lines.length === 0 && buyer.kind === "account") throw new AppError("cart_empty", "The cart is empty.");
  // A guest's line may name a variant that no longer exists: none of it is left.
  const gone =
    buyer.kind === "guest"
      ? buyer.items
          .filter((item) => !lines.some((line) => line.variantId === item.variantId))
          .map((item) => ({ productId: null, variantId: item.variantId, requested: item.quantity, available: 0 }))
      : [];
  const short = lines.filter((line) => !line.sellable || line.stockQty < line.quantity);
  if (short.length > 0 || gone.length > 0) {
    throw new AppError("insufficient_stock", refusalMessages.insufficient_stock, {
      items: [
        ...short.map((line) => ({
          productId: line.productId,
          variantId: line.variantId,
          requested: line.quantity,
          available: line.sellable ? line.stockQty : 0,
        })),
        ...gone,
      ],
    });
  }
  const priced = lines.map((line) => ({
    unitPrice: line.unitPrice,
    quantity: line.quantity,
    shippingAmount: line.shippingAmount,
  }));
  refuseBeyondOrderLimit(priced);
  const subtotal = priced.reduce((sum, line) => sum + line.unitPrice * line.quantity, 0);
  const offersOf = offersRead.rows[0].offers;
  const coupon = offersOf.coupon ?? undefined;
  if (namedCode && coupon) {
    const why = couponRefusal(coupon, subtotal);
    if (why) throw why;
  }
  const offers = pricingOffers(offersOf, userId);
  const to = input.shippingAddress;
  const shopConfig = shippingTaxConfigOf(shop);
  const quoted = quote(shopConfig, lines, to, offers.promotions, input.shippingMethodId);
  if (!quoted.shippable) {
    throw new AppError("not_shippable", "The shop does not ship to this address.", { country: to.country });
  }
  if (!quoted.askedApplies) {
    throw new AppError(
      "shipping_method_unavailable",
      "This shipping method does not take this order to this address.",
      {
        options: quoted.options,
      },
    );
  }
  const { method, order: taxed } = quoted;
  const codeState = codeStateOf(offers, promoLinesOf(lines), quoted.promotions);
  if (namedCode && codeState && !codeState.applied) {
    const view = codeView(codeState, config.currency);
    throw new AppError("coupon_invalid", view?.message ?? "This code does not apply.", {
      reason: view?.reason,
      ...view?.details,
    });
  }
  const couponId = coupon ? couponPromotionId(coupon.id) : null;
  const couponTaken = quoted.promotions.some((applied) => applied.id === couponId) ? coupon : undefined;
  const uses: PromotionTaken[] = quoted.promotions
    .filter((applied) => applied.id !== couponId)
    .map((applied) => ({
      promotionId: applied.id,
      updatedAt: offers.versions.get(applied.id) as string,
      codeId: offers.codeIds.get(applied.id) ?? null,
      amount: applied.amount,
      shippingAmount: applied.shipping,
      customer: owner,
    }));
  if (!method) {
    throw new AppError("not_shippable", "No shipping method takes this order to this address.", {
      country: to.country,
    });
  }
  if (input.expectedTotal !== undefined && input.expectedTotal !== taxed.total) {
    throw new AppError(
      "quote_changed",
      "The total changed since it was shown: look at it again before placing the order.",
      {
        expectedTotal: input.expectedTotal,
        total: taxed.total,
      },
    );
  }
  const orderLines: OrderLine[] = lines.map((line, index) => ({
    productId: line.productId,
    variantId: line.variantId,
    name: line.name,
    variantTitle: line.variantTitle,
    sku: line.sku,
    unitPrice: line.unitPrice,
    shippingAmount: line.shippingAmount,
    quantity: line.quantity,
    discountAmount: taxed.lines[index].discount,
    netAmount: taxed.lines[index].net,
    taxAmount: taxed.lines[index].tax,
    taxRateBps: taxed.lines[index].rateBps,
    promotionShares: quoted.promotions
      .filter((applied) => applied.lineShares[index] > 0)
      .map((applied) => ({ promotionId: applied.id, amount: applied.lineShares[index] })),
  }));

  const writes: Statement[] = [
    lockKeyStatement(db, owner, idempotencyKey),
    refuseReplayStatement(db, owner, idempotencyKey),
    ...(userId
      ? [
          takeCartStatement(db, userId, lines[0].version),
          // After the cart's lock: of one shopper's checkouts, each counts the orders of those before it.
          refusePendingBeyondStatement(db, userId, maxPendingOrders),
        ]
      : []),
    reserveStatement(db, orderLines),
    ...(hooks.afterStockReserved ? [hooks.afterStockReserved(ctx as ActorContext)] : []),
    // Prices were checked under the variants' locks just above; zones, methods and rates here.
    refuseChangedConfigStatement(db, shop.rows[0].version),
    ...(couponTaken
      ? [
          takeCouponStatement(db, {
            userCouponId: couponTaken.id,
            kind: couponTaken.kind,
            value: couponTaken.value,
            minSubtotal: couponTaken.min_subtotal,
            maxDiscount: couponTaken.max_discount,
          }),
        ]
      : []),
    ...uses.map((use) => takePromotionStatement(db, use)),
    insertOrderStatement(db, {
      owner,
      guestPhone: buyer.kind === "guest" ? buyer.phone : null,
      currency: config.currency,
      subtotal: taxed.subtotal,
      discount: taxed.discount,
      tax: taxed.tax,
      shipping: taxed.shippingAmount,
      pricesIncludeTax: shopConfig.pricesIncludeTax,
      shippingMethod: { id: method.id, name: method.name },
      shippingTax: taxed.shipping.tax,
      shippingTaxRateBps: taxed.shipping.rateBps,
      shippingDiscount: quoted.shippingDiscount,
      couponCode: couponTaken?.code ?? null,
      userCouponId: couponTaken?.id ?? null,
      shippingAddress: input.shippingAddress,
      idempotencyKey,
      requestHash,
      reservationMinutes: config.reservationMinutes,
      lines: orderLines,
    }),
    ...(uses.length > 0
      ? [recordUsesStatement(db, sql`${ownedBy(owner)} AND o.idempotency_key = ${idempotencyKey}`, owner, uses)]
      : []),
    // Nothing to pay (a coupon took the whole of a free-shipping order): paid at once, no gateway.
    ...(taxed.total === 0
      ? [
          moveOrderStatement(
            db,
            sql`${ownedBy(owner)} AND o.idempotency_key = ${idempotencyKey}`,
            ["pending_payment"],
            "paid",
            { kind: "system", id: null },
            "nothing to pay",
          ),
        ]
      : []),
    orderByKeyStatement(db, owner, idempotencyKey),
  ];
  const results = (await db.batch(writes as [Statement, ...Statement[]])) as unknown as { rows: unknown[] }[];
  const reserved = (results[userId ? 4 : 2].rows[0] as { reserved: StockChange[] }).reserved;
  const order = (results.at(-1) as { rows: OrderRow[] }).rows[0];
  ctx.live.checkout(userId, order.id, reserved);
  return { order, created: true };
}
