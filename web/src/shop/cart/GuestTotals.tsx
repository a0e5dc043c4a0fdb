import { formatMoney } from "../../lib/money.ts";
import { FreeShippingNote } from "../promotions/FreeShippingNote.tsx";
import type { GuestPrices } from "../promotions/guest-prices.ts";
import { PromotionRows } from "../promotions/PromotionRows.tsx";

/**
 * What the guest's lines cost now (shipping and tax for the address: the checkout's summary).
 * While the lines are priced, the rows hold their place, so the checkout below does not jump.
 */
export function GuestTotals(props: {
  totals: { subtotal: number; shipping: number; currency: string } | undefined;
  prices: GuestPrices | undefined;
}) {
  const amount = (of: "subtotal") => {
    const t = props.totals;
    return t ? formatMoney(t[of], t.currency) : "…";
  };
  const money = (value: number) => formatMoney(value, props.prices?.currency ?? props.totals?.currency ?? "USD");
  return (
    <>
      <dl class="totals" data-testid="cart-totals" aria-busy={props.totals ? undefined : "true"}>
        <dt>Subtotal</dt>
        <dd data-testid="cart-subtotal">{amount("subtotal")}</dd>
        <PromotionRows promotions={props.prices?.promotions} money={money} />
      </dl>
      <FreeShippingNote offer={props.prices?.freeShipping} money={money} />
    </>
  );
}
