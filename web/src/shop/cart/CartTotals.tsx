import { Show } from "solid-js";
import { formatMoney } from "../../lib/money.ts";
import { FreeShippingNote } from "../promotions/FreeShippingNote.tsx";
import { PromotionRows } from "../promotions/PromotionRows.tsx";
import type { Cart } from "./cart.ts";
import type { CouponPreview } from "./coupon-preview.ts";

/**
 * The cart's subtotal, what its promotions take off, and with a coupon applied what it takes off
 * besides; how far free shipping is. Shipping, tax and the total depend on the address, and the
 * checkout's summary says them.
 */
export function CartTotals(props: { cart: Cart; coupon: CouponPreview }) {
  const money = (amount: number) => formatMoney(amount, props.cart.currency);
  // With a code applied, its preview says what applies (the code may displace a promotion).
  const applied = () => props.coupon.current()?.promotions ?? props.cart.promotions ?? [];
  const coupon = () => applied().find((p) => p.id.startsWith("coupon:"));
  return (
    <>
      <dl class="totals" data-testid="cart-totals">
        <dt>Subtotal</dt>
        <dd data-testid="cart-subtotal">{money(props.cart.subtotal)}</dd>
        <PromotionRows promotions={applied().filter((p) => p !== coupon())} money={money} />
        <Show when={coupon()}>
          {(share) => (
            <>
              <dt>{share().name}</dt>
              <dd data-testid="cart-discount">−{money(share().amount)}</dd>
            </>
          )}
        </Show>
      </dl>
      <FreeShippingNote offer={props.cart.freeShipping} money={money} />
    </>
  );
}
