import { Show } from "solid-js";
import { formatMoney } from "../../lib/money.ts";
import { PromotionRows } from "../promotions/PromotionRows.tsx";
import type { Quote } from "./quote.ts";
import { TaxRows } from "./TaxRows.tsx";

/** What the order costs before it is placed: subtotal, discount, shipping, each tax line and the total. */
export function CheckoutSummary(props: { quote: Quote; current: boolean; estimate?: boolean }) {
  const s = () => props.quote.summary;
  const money = (amount: number) => formatMoney(amount, props.quote.currency);
  return (
    <section class="checkout-summary" aria-labelledby="summary-title" aria-busy={props.current ? undefined : "true"}>
      <h3 id="summary-title">Order summary</h3>
      <Show when={props.estimate}>
        <p class="muted">An estimate for the country: the postal code makes it exact.</p>
      </Show>
      <dl class="totals">
        <dt>Subtotal</dt>
        <dd>{money(s().subtotal)}</dd>
        <Show
          when={props.quote.promotions}
          fallback={
            <Show when={s().discount > 0}>
              <dt>Discount</dt>
              <dd>−{money(s().discount)}</dd>
            </Show>
          }
        >
          <PromotionRows promotions={props.quote.promotions} money={money} />
        </Show>
        <dt>Shipping{props.quote.method ? ` (${props.quote.method.name})` : ""}</dt>
        <dd data-testid="summary-shipping">
          <Show when={(s().shippingDiscount ?? 0) > 0}>
            <s class="muted">{money(s().shipping + (s().shippingDiscount ?? 0))}</s>{" "}
          </Show>
          {s().shipping === 0 ? "Free" : money(s().shipping)}
        </dd>
        <TaxRows lines={s().taxLines} included={s().pricesIncludeTax} money={money} />
        <dt>Total</dt>
        <dd>
          <strong data-testid="summary-total">{money(s().total)}</strong>
        </dd>
      </dl>
    </section>
  );
}
