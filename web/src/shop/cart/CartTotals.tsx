import { Show } from "solid-js";
import { formatMoney } from "../../lib/money.ts";
import type { Cart } from "./cart.ts";
import type { CouponPreview } from "./coupon-preview.ts";

/**
 * The cart's subtotal, and with a coupon applied what it takes off; shipping, tax and the total
 * depend on the address, and the checkout's summary says them.
 */
export function CartTotals(props: { cart: Cart; coupon: CouponPreview }) {
  return (
    <dl class="totals">
      <dt>Subtotal</dt>
      <dd data-testid="cart-subtotal">{formatMoney(props.cart.subtotal, props.cart.currency)}</dd>
      <Show when={props.coupon.current()}>
        {(p) => (
          <>
            <dt>Discount ({props.coupon.previewed()})</dt>
            <dd data-testid="cart-discount">−{formatMoney(p().discount, p().currency)}</dd>
          </>
        )}
      </Show>
    </dl>
  );
}
