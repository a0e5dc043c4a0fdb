import { For, Show } from "solid-js";
import { describeError } from "../../components/FormError.tsx";
import { ProductCard } from "./ProductCard.tsx";
import type { ProductSearchState } from "./product-search.ts";

/** The products found: the filters' refusal, the grid, and "Load more" while there are more. */
export function ProductResults(props: { search: ProductSearchState }) {
  const s = props.search;
  return (
    <>
      <Show when={s.refused()}>
        {(error) => (
          <p class="form-error" role="alert">
            These filters cannot be used: {describeError(error())}
          </p>
        )}
      </Show>
      <Show when={s.outcome()} fallback={<p class="muted">Loading products…</p>}>
        <Show when={s.firstPage()}>
          {(page) => (
            <>
              <Show
                when={page().items.length > 0}
                fallback={
                  <p class="muted" data-testid="no-products">
                    No products match.
                  </p>
                }
              >
                <div class="grid" data-testid="product-grid">
                  <For each={s.shownItems()}>{(product) => <ProductCard product={product} />}</For>
                </div>
              </Show>
              <Show when={s.moreError()}>
                <p class="form-error" role="alert">
                  Could not load more: {describeError(s.moreError())}
                </p>
              </Show>
              <Show when={s.cursor()}>
                <button type="button" class="button secondary load-more" onClick={s.loadMore}>
                  Load more
                </button>
              </Show>
            </>
          )}
        </Show>
      </Show>
    </>
  );
}
