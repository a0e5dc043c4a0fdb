import { A, revalidate } from "@solidjs/router";
import { Index, Match, Show, Switch } from "solid-js";
import type { Form } from "../../lib/form.ts";
import { formatMoney } from "../../lib/money.ts";
import { getProduct } from "../catalog/catalog.ts";
import { variantLabel } from "../product/variants.ts";
import { ClearCart } from "./ClearCart.tsx";
import { guestLines, setQuantity } from "./cart.ts";
import { GuestCheckoutForm } from "./GuestCheckoutForm.tsx";
import { GuestTotals } from "./GuestTotals.tsx";
import { createGuestCart, variantOf } from "./guest-cart.ts";
import { LineName } from "./LineName.tsx";

/**
 * The cart kept in this browser before signing in, editable like the account's: quantities (up to
 * the stock the catalog shows) and removal, its totals, and checkout as a guest (or signing in).
 * Each product is read once from the catalog, which says its name, price and whether it is still sold.
 */
export function GuestCart(props: { lines: Form }) {
  const cart = createGuestCart();
  return (
    <Show when={guestLines().length > 0} fallback={<p class="muted">Your cart is empty.</p>}>
      <ul class="cart-lines" data-testid="cart-lines">
        <Index each={guestLines()}>
          {(line) => {
            const found = () => cart.lookedUp(line().productId);
            const product = () => cart.productOf(line().productId);
            const variant = () => variantOf(line(), product());
            const title = () => (variant() ? variantLabel(variant()?.title ?? "") : line().variantTitle);
            const name = () => product()?.name ?? line().name ?? "A product";
            const called = () => (title() ? `${name()}, ${title()}` : name());
            const target = () => ({ productId: line().productId, variantId: variant()?.id ?? line().variantId ?? "" });
            const change = (quantity: number) =>
              props.lines.run(() =>
                setQuantity(target(), quantity, { name: name(), variantTitle: title() || undefined }),
              );
            return (
              <li class="cart-line" data-testid="cart-line">
                <LineName
                  name={name()}
                  href={product() ? `/products/${product()?.slug}` : undefined}
                  imageUrl={product()?.imageUrl}
                  variantTitle={title()}
                  sku={variant()?.sku}
                />
                <span class="line-actions">
                  <span class="stepper">
                    <button
                      type="button"
                      aria-label={`One less ${called()}`}
                      onClick={() => change(line().quantity - 1)}
                    >
                      −
                    </button>
                    <span data-testid="line-quantity">{line().quantity}</span>
                    <button
                      type="button"
                      aria-label={`One more ${called()}`}
                      disabled={!variant() || line().quantity >= (variant()?.stockQty ?? 0)}
                      onClick={() => change(line().quantity + 1)}
                    >
                      +
                    </button>
                  </span>
                  <button type="button" class="link" onClick={() => change(0)}>
                    Remove<span class="visually-hidden"> {called()}</span>
                  </button>
                </span>
                <Switch>
                  <Match when={!found()}>
                    <span class="muted">…</span>
                  </Match>
                  <Match when={found() && "failed" in (found() as object)}>
                    <button
                      type="button"
                      class="link"
                      onClick={() => void revalidate(getProduct.keyFor(line().productId))}
                    >
                      Could not check: try again
                    </button>
                  </Match>
                  <Match when={variant()}>
                    {(v) => (
                      <span>
                        {formatMoney((v().price - v().discount) * line().quantity, product()?.currency ?? "USD")}
                      </span>
                    )}
                  </Match>
                  <Match when={true}>
                    <span class="muted">
                      {product() && (product()?.variants.length ?? 0) > 1 && !line().variantId
                        ? "Choose a variant on its page"
                        : "No longer sold"}
                    </span>
                  </Match>
                </Switch>
              </li>
            );
          }}
        </Index>
      </ul>
      <GuestTotals totals={cart.totals()} />
      <div class="actions">
        <A class="button secondary" href="/signin?next=/cart">
          Sign in to check out
        </A>
        <ClearCart lines={props.lines} />
      </div>
      <GuestCheckoutForm items={cart.items()} currency={cart.totals()?.currency ?? "USD"} />
    </Show>
  );
}
