import { For, Show } from "solid-js";
import { describeError } from "../../components/FormError.tsx";
import { LoadMore } from "../../components/LoadMore.tsx";
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
      <Show when={s.firstPage()} fallback={<p class="muted">Loading products…</p>}>
        <Show
          when={s.shownItems().length > 0}
          fallback={
            <Show when={!s.refused()}>
              <p class="muted" data-testid="no-products">
                No products match.
              </p>
            </Show>
          }
        >
          <div class="grid" data-testid="product-grid">
            <For each={s.shownItems()}>{(product) => <ProductCard product={product} />}</For>
          </div>
        </Show>
        <LoadMore list={s.results} label="Load more" what="products" />
      </Show>
    </>
  );
}
