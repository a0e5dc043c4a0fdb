import { A, createAsync, revalidate } from "@solidjs/router";
import { Index, Match, Show, Switch } from "solid-js";
import type { Form } from "../../lib/form.ts";
import { formatMoney } from "../../lib/money.ts";
import { getProduct } from "../catalog/catalog.ts";
import { getGuestQuote } from "../checkout/quote.ts";
import { variantLabel } from "../product/variants.ts";
import { getGuestPrices } from "../promotions/guest-prices.ts";
import { watchPromotions } from "../promotions/promotions-live.ts";
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
  // The shop's own prices once every line is a variant: what promotions take off, and free shipping.
  // Read through `latest`: a change of quantity keeps the lines (and the focused button) on screen
  // while their prices are asked again, rather than suspending the cart.
  const priced = createAsync(
    async () => {
      const items = cart.items();
      return items ? getGuestPrices(items).catch(() => undefined) : undefined;
    },
    { initialValue: undefined },
  );
  const prices = () => priced.latest;
  const discountOf = (variantId: string | undefined) =>
    prices()?.items.find((item) => item.variantId === variantId)?.discount ?? 0;
  watchPromotions(
    () => prices()?.promotionsChangeAt,
    () => void revalidate([getGuestPrices.key, getGuestQuote.key]),
  );
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
                    {(v) => {
                      const money = (amount: number) => formatMoney(amount, product()?.currency ?? "USD");
                      const total = () => (v().price - v().discount) * line().quantity;
                      return (
                        <Show when={discountOf(v().id) > 0} fallback={<span>{money(total())}</span>}>
                          <span data-testid="line-discounted">
                            <s class="muted">{money(total())}</s> {money(total() - discountOf(v().id))}
                          </span>
                        </Show>
                      );
                    }}
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
      <GuestTotals totals={cart.totals()} prices={prices()} />
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
