import { createAsync } from "@solidjs/router";
import { createSignal, createUniqueId, For, Show } from "solid-js";
import { formatMoney } from "../../lib/money.ts";
import { Async } from "../components/State.tsx";
import type { AdminProduct } from "../lib/types.ts";
import { getProductsPage } from "../products/products.ts";

/** A product (or one of its variants) found by the search. */
export type Picked = { product: AdminProduct; variant?: AdminProduct["variants"][number] };

/**
 * Finds products by name or SKU through the products list, and offers each (or, with `variants`,
 * each of its variants) to add. No form of its own: it sits inside the promotion's form.
 */
export function ProductSearch(props: {
  label: string;
  variants?: boolean;
  currency: string;
  onPick: (p: Picked) => void;
}) {
  const id = createUniqueId();
  const [typed, setTyped] = createSignal("");
  const [asked, setAsked] = createSignal("");
  const found = createAsync(() => (asked() ? getProductsPage({ q: asked() }) : Promise.resolve(undefined)));
  const search = () => setAsked(typed().trim());
  return (
    <div class="a-field">
      <label for={id}>{props.label}</label>
      <div class="a-chip-add">
        <input
          id={id}
          type="search"
          class="a-chip-select"
          value={typed()}
          onInput={(e) => setTyped(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key !== "Enter") return;
            e.preventDefault();
            search();
          }}
        />
        <button type="button" class="button secondary a-small" onClick={search}>
          Search
        </button>
      </div>
      <Show when={asked()}>
        <Async value={found} keys={getProductsPage.key} what="the products">
          {(page) => (
            <Show when={page().items.length > 0} fallback={<p class="muted">No product matches “{asked()}”.</p>}>
              <ul class="a-chips">
                <For each={page().items}>
                  {(product) => (
                    <Show
                      when={props.variants}
                      fallback={
                        <li>
                          <button
                            type="button"
                            class="button secondary a-small"
                            onClick={() => props.onPick({ product })}
                          >
                            + {product.name}
                          </button>
                        </li>
                      }
                    >
                      <For each={product.variants}>
                        {(variant) => (
                          <li>
                            <button
                              type="button"
                              class="button secondary a-small"
                              onClick={() => props.onPick({ product, variant })}
                            >
                              + {product.name}
                              {product.variants.length > 1 ? ` (${variant.title})` : ""},{" "}
                              {formatMoney(variant.actualPrice, props.currency)}
                            </button>
                          </li>
                        )}
                      </For>
                    </Show>
                  )}
                </For>
              </ul>
            </Show>
          )}
        </Async>
      </Show>
    </div>
  );
}
