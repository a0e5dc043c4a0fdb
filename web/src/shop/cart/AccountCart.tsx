import { A, createAsync, revalidate } from "@solidjs/router";
import { Show } from "solid-js";
import { Reading } from "../../components/Reading.tsx";
import type { Form } from "../../lib/form.ts";
import { getCartQuote, getCartQuoteToSaved } from "../checkout/quote.ts";
import { watchPromotions } from "../promotions/promotions-live.ts";
import { CartLines } from "./CartLines.tsx";
import { CartTotals } from "./CartTotals.tsx";
import { CheckoutForm } from "./CheckoutForm.tsx";
import { ClearCart } from "./ClearCart.tsx";
import { type Cart, getCart } from "./cart.ts";
import { createCouponPreview, getPreview } from "./coupon-preview.ts";

/** A cart with lines: the lines, clearing it, its totals with a coupon's preview, and checkout. */
function FilledCart(props: { account: string; cart: Cart; lines: Form; onStockChanged: () => void }) {
  const coupon = createCouponPreview(() => props.cart);
  // A promotion that starts, ends, or that the merchant changes prices the cart (and its quote) again.
  watchPromotions(
    () => props.cart.promotionsChangeAt,
    () => void revalidate([getCart.keyFor(props.account), getCartQuote.key, getCartQuoteToSaved.key, getPreview.key]),
  );
  return (
    <>
      <CartLines cart={props.cart} lines={props.lines} />
      <div class="actions">
        <ClearCart lines={props.lines} />
      </div>
      <CartTotals cart={props.cart} coupon={coupon} />
      <CheckoutForm account={props.account} cart={props.cart} coupon={coupon} onStockChanged={props.onStockChanged} />
    </>
  );
}

/** The signed-in shopper's cart, as the API (and every device's live updates) says it is, and checkout. */
export function AccountCart(props: { account: string; lines: Form }) {
  const cart = createAsync(() => getCart(props.account));
  const key = () => getCart.keyFor(props.account);
  return (
    <Reading keys={key()} what="Your cart" loading="Loading your cart…">
      <Show when={cart()}>
        {(current) => (
          <Show
            when={current().items.length > 0}
            fallback={
              <p class="muted">
                Your cart is empty. <A href="/">Go shopping</A>
              </p>
            }
          >
            <FilledCart
              account={props.account}
              cart={current()}
              lines={props.lines}
              onStockChanged={() => void revalidate(key())}
            />
          </Show>
        )}
      </Show>
    </Reading>
  );
}
