import { formatMoney } from "../../lib/money.ts";

/**
 * What the guest's lines cost now (shipping and tax for the address: the checkout's summary).
 * While the lines are priced, the rows hold their place, so the checkout below does not jump.
 */
export function GuestTotals(props: { totals: { subtotal: number; shipping: number; currency: string } | undefined }) {
  const amount = (of: "subtotal") => {
    const t = props.totals;
    return t ? formatMoney(t[of], t.currency) : "…";
  };
  return (
    <dl class="totals" aria-busy={props.totals ? undefined : "true"}>
      <dt>Subtotal</dt>
      <dd data-testid="cart-subtotal">{amount("subtotal")}</dd>
    </dl>
  );
}
