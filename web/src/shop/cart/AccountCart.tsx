import { A } from "@solidjs/router";
import { createEffect, createSignal, on, Show } from "solid-js";
import { LoadFailure } from "../../components/LoadFailure.tsx";
import { user } from "../../lib/session.ts";
import { CartLines } from "./CartLines.tsx";
import { CartTotals } from "./CartTotals.tsx";
import { CheckoutForm } from "./CheckoutForm.tsx";
import { ClearCart } from "./ClearCart.tsx";
import { cart, loadCart } from "./cart.ts";
import { createCouponPreview } from "./coupon-preview.ts";

/** The signed-in shopper's cart, as the API (and every device's live updates) says it is, and checkout. */
export function AccountCart(props: { onLineError: (error: unknown) => void }) {
  const [loadError, setLoadError] = createSignal<unknown>();
  const coupon = createCouponPreview();
  const load = () => {
    setLoadError(undefined);
    loadCart().catch(setLoadError);
  };
  // Signed in (also once a reload has restored the session): the account's cart, read from the API.
  createEffect(
    on(
      () => user()?.id,
      (id) => id && load(),
    ),
  );
  const change = (work: Promise<void>) => {
    props.onLineError(undefined);
    work.catch(props.onLineError);
  };
  const loading = (
    <p class="muted" role="status">
      Loading your cart…
    </p>
  );

  return (
    <Show
      when={cart()}
      fallback={
        <Show when={loadError()} fallback={loading}>
          <LoadFailure what="Your cart" error={loadError()} retry={load} />
        </Show>
      }
    >
      {(current) => (
        <Show
          when={current().items.length > 0}
          fallback={
            <p class="muted">
              Your cart is empty. <A href="/">Go shopping</A>
            </p>
          }
        >
          <CartLines cart={current()} change={change} />
          <div class="actions">
            <ClearCart onError={props.onLineError} />
          </div>
          <CartTotals cart={current()} coupon={coupon} />
          <CheckoutForm coupon={coupon} onStockChanged={load} />
        </Show>
      )}
    </Show>
  );
}
