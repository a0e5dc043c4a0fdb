import { Show } from "solid-js";
import type { SetStoreFunction } from "solid-js/store";
import { InventoryHistory } from "./InventoryHistory.tsx";
import { PriceChanges } from "./PriceSchedules.tsx";
import { VariantAmounts } from "./VariantAmounts.tsx";
import { VariantCell } from "./VariantCell.tsx";
import { VariantChoice } from "./VariantChoice.tsx";
import { VariantRowActions } from "./VariantRowActions.tsx";
import { VariantWeightCell } from "./VariantWeightCell.tsx";
import type { VariantActions } from "./variants.ts";
import { type OptionDraft, titleOf, type VariantDraft } from "./variants.ts";

type Field = Exclude<keyof VariantDraft, "key" | "saved" | "choice" | "active">;

/** One variant as a row of the table: its name and SKU, money, stock, threshold, sale flag and buttons. */
export function VariantRow(props: {
  row: VariantDraft;
  index: number;
  options: OptionDraft[];
  currency: string;
  setRows: SetStoreFunction<VariantDraft[]>;
  error: (index: number, field: string) => string | undefined;
  actions: VariantActions;
  /** The only variant of a product without options: its fields are the product's. */
  alone: boolean;
  rowCount: number;
  savedCount: number;
  historyOpen: boolean;
  toggleHistory: () => void;
}) {
  const row = props.row;
  const title = () => titleOf(props.options, row, props.index);
  // The only variant of a product without options needs no name: its fields are the product's.
  const context = () => (props.alone ? "" : title());
  const set = (field: Field) => (value: string) => props.setRows(props.index, field, value);
  const err = (field: string) => props.error(props.index, field);
  const stockChanged = () => !!row.saved && row.stockQty.trim() !== String(row.saved.stockQty);
  const historyId = `history-${row.key}`;
  return (
    <tbody data-testid="variant-row" data-variant={title()}>
      <tr classList={{ "a-inactive": !row.active }}>
        <td class="a-variant-name">
          <strong>{title()}</strong>
          <Show when={row.saved && !row.saved.active}>
            {" "}
            <span class="badge out">not for sale</span>
          </Show>
          <Show when={!row.saved && props.options.length > 0}>
            <VariantChoice
              row={row}
              index={props.index}
              title={title()}
              options={props.options}
              setRows={props.setRows}
              invalid={!!err("options")}
            />
          </Show>
          <Show when={err("options")}>
            <small class="a-field-error a-block">{err("options")}</small>
          </Show>
          <VariantCell
            label="SKU"
            context={context()}
            value={row.sku}
            onInput={set("sku")}
            error={err("sku")}
            placeholder={row.saved ? undefined : "made from the slug"}
          />
        </td>
        <VariantAmounts row={row} context={context()} currency={props.currency} set={set} err={err} />
        <td class="a-cells">
          <VariantCell
            label="Stock"
            context={context()}
            numeric
            value={row.stockQty}
            onInput={set("stockQty")}
            error={err("stockQty")}
          />
          <Show when={stockChanged()}>
            <VariantCell
              label="Why the stock changes"
              context={context()}
              value={row.stockReason}
              onInput={set("stockReason")}
              error={err("stockReason")}
              hint={`From ${row.saved?.stockQty}; kept in the history.`}
              placeholder="e.g. delivery from the supplier"
            />
          </Show>
        </td>
        <td class="a-cells">
          <VariantCell
            label="Alert under"
            context={context()}
            numeric
            value={row.lowStockThreshold}
            onInput={set("lowStockThreshold")}
            error={err("lowStockThreshold")}
            placeholder={row.saved ? undefined : "5"}
          />
        </td>
        <VariantWeightCell row={row} context={context()} set={set} err={err} />
        <td class="a-cells">
          <div class="a-check">
            <input
              id={`active-${row.key}`}
              type="checkbox"
              checked={row.active}
              onChange={(e) => props.setRows(props.index, "active", e.currentTarget.checked)}
            />
            <label for={`active-${row.key}`}>
              For sale<span class="visually-hidden">{context() ? `, ${context()}` : ""}</span>
            </label>
          </div>
        </td>
        <VariantRowActions
          row={row}
          title={title()}
          currency={props.currency}
          rowCount={props.rowCount}
          savedCount={props.savedCount}
          setRows={props.setRows}
          actions={props.actions}
          historyOpen={props.historyOpen}
          historyId={historyId}
          toggleHistory={props.toggleHistory}
        />
      </tr>
      <Show when={props.actions.productId && row.saved && props.historyOpen}>
        <tr class="a-variant-extra">
          <td colSpan={9} id={historyId}>
            <InventoryHistory
              productId={props.actions.productId as string}
              variantId={row.saved?.id as string}
              title={title()}
            />
          </td>
        </tr>
      </Show>
      <PriceChanges variant={row.saved} title={title()} currency={props.currency} />
    </tbody>
  );
}
