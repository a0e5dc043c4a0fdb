import { A, createAsync, revalidate } from "@solidjs/router";
import { Index, Match, Show, Switch } from "solid-js";
import type { Form } from "../../lib/form.ts";
import { formatMoney } from "../../lib/money.ts";
import { ApiError, getProduct, type ProductDetail } from "../catalog/catalog.ts";
import { variantLabel } from "../product/variants.ts";
import { ClearCart } from "./ClearCart.tsx";
import { guestLines, setQuantity } from "./cart.ts";
import { LineName } from "./LineName.tsx";

type Looked = { product: ProductDetail } | { missing: true } | { failed: unknown };

/** A guest line's product as the catalog says it is now: sold, gone (404), or not known yet. */
const lookUp = (productId: string): Promise<Looked> =>
  getProduct(productId)
    .then((product): Looked => ({ product }))
    .catch(
      (error): Looked => (error instanceof ApiError && error.status === 404 ? { missing: true } : { failed: error }),
    );

/**
 * The cart kept in this browser before signing in, editable like the account's: quantities (up to
 * the stock the catalog shows) and removal. Each product is read once from the catalog, which says
 * its name, price and whether it is still sold.
 */
export function GuestCart(props: { lines: Form }) {
  return (
    <Show when={guestLines().length > 0} fallback={<p class="muted">Your cart is empty.</p>}>
      <ul class="cart-lines" data-testid="cart-lines">
        <Index each={guestLines()}>
          {(line) => {
            // Looked up beside the line (no suspense): the line shows at once, its price when known.
            const looked = createAsync(() => lookUp(line().productId), { initialValue: undefined });
            const found = () => looked.latest;
            const product = () => {
              const f = found();
              return f && "product" in f ? f.product : undefined;
            };
            const variant = () =>
              product()?.variants.find((v) => v.id === line().variantId) ??
              (!line().variantId && product()?.variants.length === 1 ? product()?.variants[0] : undefined);
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
                  <Match when={found() && "failed" in (found() as Looked)}>
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
      <div class="actions">
        <A class="button" href="/signin?next=/cart">
          Sign in to check out
        </A>
        <ClearCart lines={props.lines} />
      </div>
    </Show>
  );
}
