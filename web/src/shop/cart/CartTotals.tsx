import { Show } from "solid-js";
import { formatMoney } from "../../lib/money.ts";
import type { Cart } from "./cart.ts";
import type { CouponPreview } from "./coupon-preview.ts";

/** The cart's subtotal and shipping, and with a coupon applied, its discount, tax and total. */
export function CartTotals(props: { cart: Cart; coupon: CouponPreview }) {
  return (
    <dl class="totals">
      <dt>Subtotal</dt>
      <dd data-testid="cart-subtotal">{formatMoney(props.cart.subtotal, props.cart.currency)}</dd>
      <dt>Shipping</dt>
      <dd>{formatMoney(props.cart.shipping, props.cart.currency)}</dd>
      <Show when={props.coupon.current()}>
        {(p) => (
          <>
            <dt>Discount ({props.coupon.previewed()})</dt>
            <dd data-testid="cart-discount">−{formatMoney(p().discount, p().currency)}</dd>
            <dt>Tax</dt>
            <dd>{formatMoney(p().tax, p().currency)}</dd>
            <dt>Total</dt>
            <dd>
              <strong data-testid="cart-total">{formatMoney(p().total, p().currency)}</strong>
            </dd>
          </>
        )}
      </Show>
    </dl>
  );
}
