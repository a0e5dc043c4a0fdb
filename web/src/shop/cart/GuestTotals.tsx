import { Show } from "solid-js";
import { formatMoney } from "../../lib/money.ts";

/** What the guest's lines cost now: subtotal and shipping (tax is added when the order is placed). */
export function GuestTotals(props: { totals: { subtotal: number; shipping: number; currency: string } | undefined }) {
  return (
    <Show when={props.totals}>
      {(t) => (
        <dl class="totals">
          <dt>Subtotal</dt>
          <dd data-testid="cart-subtotal">{formatMoney(t().subtotal, t().currency)}</dd>
          <dt>Shipping</dt>
          <dd>{formatMoney(t().shipping, t().currency)}</dd>
        </dl>
      )}
    </Show>
  );
}
