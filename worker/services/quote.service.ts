import { type QuotedLine, quote } from "../domain/quote.ts";
import type { Destination } from "../domain/shipping.ts";
import { AppError } from "../lib/errors.ts";
import type { ShopContext } from "../platform/context.ts";
import { addressDestinationStatement } from "../repositories/addresses.repository.ts";
import { cartLinesStatement } from "../repositories/cart.repository.ts";
import { linesOfItemsStatement } from "../repositories/orders.repository.ts";
import { type Customer, type Offers, offersStatement } from "../repositories/promotions.repository.ts";
import { shippingTaxConfigOf, shippingTaxConfigStatement } from "../repositories/shipping.repository.ts";
import type { ShippingOptions } from "../schemas/shipping.ts";
import { codeView, promoLinesOf } from "./cart-pricing.ts";
import { couponRefusal } from "./coupons.service.ts";
import { codeStateOf, pricingOffers } from "./offers.service.ts";

/** The answer for a quote: its options, its method and its summary with the tax by rate. */
function answerOf(
  ctx: ShopContext,
  config: ReturnType<typeof shippingTaxConfigOf>,
  lines: QuotedLine[],
  to: Destination,
  offersRead: Offers,
  accountId: string | null,
  methodId?: string,
): ShippingOptions {
  const offers = pricingOffers(offersRead, accountId);
  const q = quote(config, lines, to, offers.promotions, methodId);
  const byRate = new Map<number, number>();
  for (const line of [...q.order.lines, q.order.shipping]) {
    if (line.tax > 0) byRate.set(line.rateBps, (byRate.get(line.rateBps) ?? 0) + line.tax);
  }
  return {
    shippable: q.shippable,
    options: q.options,
    method: q.method,
    methodApplies: q.askedApplies,
    summary: {
      subtotal: q.order.subtotal,
      discount: q.order.discount,
      shipping: q.order.shippingAmount,
      tax: q.order.tax,
      total: q.order.total,
      pricesIncludeTax: config.pricesIncludeTax,
      taxLines: [...byRate].sort(([a], [b]) => b - a).map(([rateBps, amount]) => ({ rateBps, amount })),
      shippingDiscount: q.shippingDiscount,
    },
    currency: ctx.config.currency,
    promotions: q.promotions.map((a) => ({
      id: a.id,
      name: offers.names.get(a.id) ?? "",
      kind: a.kind,
      amount: a.amount,
      shipping: a.shipping,
    })),
    code: codeView(codeStateOf(offers, promoLinesOf(lines), q.promotions), ctx.config.currency),
  };
}

/**
 * What my cart costs delivered to an address, by each method that takes it there: one round trip
 * (the cart, the shop's zones and rates, a saved address and the coupon when named), priced as checkout prices it.
 */
export async function cartShippingOptions(
  ctx: ShopContext,
  userId: string,
  query: (Destination | { addressId: string }) & { methodId?: string; couponCode?: string },
): Promise<ShippingOptions> {
  const { db } = ctx;
  const [cart, shop, ...more] = await db.batch([
    cartLinesStatement(db, userId),
    shippingTaxConfigStatement(db),
    offersStatement(db, { userId }, query.couponCode),
    ...("addressId" in query ? [addressDestinationStatement(db, userId, query.addressId)] : []),
  ]);
  const offers = (more.shift() as { rows: { offers: Offers }[] }).rows[0].offers;
  const saved =
    "addressId" in query ? (more.shift() as Awaited<ReturnType<typeof addressDestinationStatement>>) : undefined;
  // A saved address of mine, or the country and postal code given.
  const to: Destination | undefined = "addressId" in query ? saved?.rows[0] : query;
  if (!to) throw new AppError("not_found", "There is no such address.");
  if (cart.rows.length === 0) throw new AppError("cart_empty", "The cart is empty.");
  const subtotal = cart.rows.reduce((sum, line) => sum + line.unitPrice * line.quantity, 0);
  // A granted coupon named here must be usable (as checkout refuses it); a promotion code says why not in `code`.
  if (query.couponCode && offers.coupon) {
    const refusal = couponRefusal(offers.coupon, subtotal);
    if (refusal) throw refusal;
  }
  // Without a method named, the one chosen for this cart before (on any device), if it still applies.
  const methodId = query.methodId ?? cart.rows[0].shippingMethodId ?? undefined;
  return answerOf(ctx, shippingTaxConfigOf(shop), cart.rows, to, offers, userId, methodId);
}

/**
 * The same for a guest's lines, with the automatic promotions and the promotion code given
 * (coupons are granted to accounts). The guest's email is not known yet: a promotion for signed-in
 * shoppers or named accounts is left out, one for first orders counted in (checkout, which knows the
 * email, prices again and refuses a total that changed with 409 `quote_changed`).
 */
export async function guestShippingOptions(
  ctx: ShopContext,
  body: {
    items: { variantId: string; quantity: number }[];
    address: Destination;
    methodId?: string;
    promotionCode?: string;
  },
): Promise<ShippingOptions> {
  const customer: Customer = null;
  const [lines, shop, offers] = await ctx.db.batch([
    linesOfItemsStatement(ctx.db, body.items),
    shippingTaxConfigStatement(ctx.db),
    offersStatement(ctx.db, customer, body.promotionCode),
  ]);
  return answerOf(ctx, shippingTaxConfigOf(shop), lines.rows, body.address, offers.rows[0].offers, null, body.methodId);
}
