import { For, Show } from "solid-js";
import { priceRangeText } from "./product-draft.ts";
import type { ProductEditor } from "./product-editor.ts";
import { VariantsTable } from "./VariantsTable.tsx";
import { maxVariants } from "./variants.ts";

/** What shoppers choose and buy: the variants' table, their totals, and the buttons that add rows. */
export function ProductVariants(props: { editor: ProductEditor }) {
  const e = props.editor;
  const stock = () => e.activeVariants().reduce((sum, v) => sum + v.stockQty, 0);
  return (
    <section class="a-editor-section" aria-labelledby="variants-heading" data-testid="variants-section">
      <h2 id="variants-heading">Variants: price and stock</h2>
      <p class="muted">
        {e.product()
          ? "Each variant is saved on its own (Save), or with the product (Save changes). A stock change says why: it is kept in the variant's history."
          : "What shoppers choose and buy. Amounts are in the shop's currency; customers pay price − discount + shipping."}
      </p>
      <Show when={e.product()}>
        <p data-testid="variants-summary">
          <strong>{stock()}</strong> in stock over {e.activeVariants().length}{" "}
          {e.activeVariants().length === 1 ? "variant" : "variants"} for sale
          <Show when={e.activeVariants().length > 0}>
            {"; customers pay "}
            {priceRangeText(
              e.activeVariants().map((v) => v.actualPrice),
              e.currency(),
            )}
          </Show>
          .
        </p>
      </Show>
      <Show when={e.err("variants")}>
        <p class="a-field-error">{e.err("variants")}</p>
      </Show>
      <For each={e.unplaced()}>{(problem) => <p class="a-field-error">{problem}</p>}</For>
      <VariantsTable
        currency={e.currency()}
        options={e.options}
        rows={e.rows}
        setRows={e.setRows}
        error={e.variantError}
        actions={{ productId: e.product()?.id, ...e.rowActions }}
      />
      <div class="a-actions">
        <button
          type="button"
          class="button secondary"
          disabled={e.options.length === 0 || e.rows.length >= maxVariants}
          onClick={e.addVariant}
        >
          Add a variant
        </button>
        <Show when={e.options.length > 0}>
          <button
            type="button"
            class="button secondary"
            disabled={e.rows.length >= maxVariants}
            onClick={e.addCombinations}
          >
            Add every combination
          </button>
        </Show>
        <Show when={e.options.length === 0}>
          <small class="muted">
            {e.product()
              ? "A product without options is sold as this one variant."
              : "Add an option above to sell the product in several variants."}
          </small>
        </Show>
      </div>
      <p class="a-notice" role="status">
        {e.variantsNotice()}
      </p>
    </section>
  );
}
