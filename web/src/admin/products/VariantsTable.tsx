import { createSignal, For, type JSX } from "solid-js";
import type { SetStoreFunction } from "solid-js/store";
import { VariantRow } from "./VariantRow.tsx";
import type { OptionDraft, VariantActions, VariantDraft } from "./variants.ts";

/**
 * A product's variants as a table: SKU, option values, money in the currency's units, the price
 * customers pay (as saved), stock (with a reason for each change), low-stock threshold and whether
 * it is for sale. For a new product the rows are drafts sent with it; once it exists each row is
 * saved on its own, and each saved one has its stock history.
 */
export function VariantsTable(props: {
  currency: string;
  options: OptionDraft[];
  rows: VariantDraft[];
  setRows: SetStoreFunction<VariantDraft[]>;
  error: (index: number, field: string) => string | undefined;
  actions: VariantActions;
  footer?: JSX.Element;
}) {
  const [openHistory, setOpenHistory] = createSignal<number | null>(null);
  const alone = () => props.rows.length === 1 && props.options.length === 0;
  const savedCount = () => props.rows.filter((row) => row.saved).length;
  return (
    <div class="a-variants-wrap">
      <table class="a-table a-variants" data-testid="variants">
        <thead>
          <tr>
            <th scope="col">Variant and SKU</th>
            <th scope="col">Price and discount</th>
            <th scope="col">Old price and shipping</th>
            <th scope="col" class="a-num">
              Customer pays
            </th>
            <th scope="col">Stock</th>
            <th scope="col">Alert under</th>
            <th scope="col">Weight and tax</th>
            <th scope="col">For sale</th>
            <th scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <For each={props.rows}>
          {(row, index) => (
            <VariantRow
              row={row}
              index={index()}
              options={props.options}
              currency={props.currency}
              setRows={props.setRows}
              error={props.error}
              actions={props.actions}
              alone={alone()}
              rowCount={props.rows.length}
              savedCount={savedCount()}
              historyOpen={openHistory() === row.key}
              toggleHistory={() => setOpenHistory(openHistory() === row.key ? null : row.key)}
            />
          )}
        </For>
      </table>
      {props.footer}
    </div>
  );
}
