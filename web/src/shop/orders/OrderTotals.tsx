import { Show } from "solid-js";
import { formatMoney } from "../../lib/money.ts";
import { TaxRows } from "../checkout/TaxRows.tsx";
import { PromotionRows } from "../promotions/PromotionRows.tsx";
import type { Order } from "./orders.ts";

/** The order's tax by rate, from what each line and the shipping were charged when it was placed. */
export function taxLines(order: Order): { rateBps: number; amount: number }[] {
  const byRate = new Map<number, number>();
  const add = (rateBps: number, amount: number) => {
    if (amount > 0) byRate.set(rateBps, (byRate.get(rateBps) ?? 0) + amount);
  };
  for (const item of order.items) add(item.taxRateBps, item.taxAmount);
  add(order.shippingTaxRateBps, order.shippingTax);
  return [...byRate].sort(([a], [b]) => b - a).map(([rateBps, amount]) => ({ rateBps, amount }));
}

/** What the order's discount holds besides its promotions: a coupon's share (or, before promotions, all of it). */
export const couponDiscount = (order: Order) =>
  order.discount - (order.promotions ?? []).reduce((sum, promotion) => sum + promotion.amount, 0);

/** What the order was charged: subtotal, discount, shipping by its method, each tax line, the total. */
export function OrderTotals(props: { order: Order }) {
  const o = () => props.order;
  const money = (amount: number) => formatMoney(amount, o().currency);
  // Orders placed before taxes were kept per line say their tax as one line.
  const lines = () => {
    const found = taxLines(o());
    return found.length > 0 || o().tax === 0 ? found : [{ rateBps: -1, amount: o().tax }];
  };
  return (
    <dl class="totals">
      <dt>Subtotal</dt>
      <dd>{money(o().subtotal)}</dd>
      <PromotionRows promotions={o().promotions} money={money} />
      <Show when={couponDiscount(o()) > 0}>
        <dt>Discount {o().couponCode ? `(${o().couponCode})` : ""}</dt>
        <dd>−{money(couponDiscount(o()))}</dd>
      </Show>
      <dt>Shipping{o().shippingMethod ? ` (${o().shippingMethod?.name})` : ""}</dt>
      <dd data-testid="order-shipping">
        <Show when={(o().shippingDiscount ?? 0) > 0}>
          <s class="muted">{money(o().shipping + (o().shippingDiscount ?? 0))}</s>{" "}
        </Show>
        {o().shipping === 0 ? "Free" : money(o().shipping)}
      </dd>
      <TaxRows lines={lines()} included={o().pricesIncludeTax} money={money} />
      <dt>Total</dt>
      <dd>
        <strong data-testid="order-total">{money(o().total)}</strong>
      </dd>
    </dl>
  );
}
