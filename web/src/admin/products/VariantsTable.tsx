import { createSignal, createUniqueId, For, type JSX, Show } from "solid-js";
import type { SetStoreFunction } from "solid-js/store";
import { formatMoney } from "../../lib/money.ts";
import { ConfirmButton, FormStatus } from "../components/Feedback.tsx";
import { describedBy, FieldNotes } from "../components/Fields.tsx";
import type { Form } from "../lib/form.ts";
import { currencySymbol } from "../lib/money.ts";
import { InventoryHistory } from "./InventoryHistory.tsx";
import { isDirty, type OptionDraft, titleOf, type VariantDraft } from "./variants.ts";

type Field =
  | "sku"
  | "price"
  | "discount"
  | "oldPrice"
  | "shippingAmount"
  | "stockQty"
  | "stockReason"
  | "lowStockThreshold";

/** One input of a variant, labelled by the field and (for assistive technology) by the variant. */
function Cell(props: {
  label: string;
  context: string;
  value: string;
  onInput: (value: string) => void;
  error?: string;
  hint?: string;
  currency?: string;
  numeric?: boolean;
  placeholder?: string;
}) {
  const id = createUniqueId();
  const input = (
    <input
      id={id}
      value={props.value}
      onInput={(e) => props.onInput(e.currentTarget.value)}
      inputmode={props.currency ? "decimal" : props.numeric ? "numeric" : undefined}
      type={props.numeric ? "number" : "text"}
      min={props.numeric ? "0" : undefined}
      autocomplete="off"
      placeholder={props.placeholder}
      aria-invalid={props.error ? "true" : undefined}
      aria-describedby={describedBy(id, props)}
    />
  );
  return (
    <div class="a-cell-field" classList={{ "a-field-invalid": !!props.error }}>
      <label for={id}>
        {props.label}
        <Show when={props.context}>
          <span class="visually-hidden">, {props.context}</span>
        </Show>
      </label>
      <Show when={props.currency} fallback={input}>
        {(currency) => (
          <span class="a-money">
            <span aria-hidden="true">{currencySymbol(currency())}</span>
            {input}
          </span>
        )}
      </Show>
      <FieldNotes id={id} hint={props.hint} error={props.error} />
    </div>
  );
}

export interface VariantActions {
  /** The product exists: each variant is saved, added and deleted on its own. */
  productId?: string;
  form: (key: number) => Form | undefined;
  save: (key: number) => void;
  remove: (key: number) => Promise<void>;
  deactivate: (key: number) => void;
  /** Deleting it was refused: orders refer to it. */
  blocked: (key: number) => boolean;
  /** Grows with each save of a variant: its history is read again. */
  version: (key: number) => number;
}

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
            <th scope="col">For sale</th>
            <th scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <For each={props.rows}>
          {(row, index) => {
            const title = () => titleOf(props.options, row, index());
            // The only variant of a product without options needs no name: its fields are the product's.
            const context = () => (alone() ? "" : title());
            const set = (field: Field) => (value: string) => props.setRows(index(), field, value);
            const err = (field: string) => props.error(index(), field);
            const form = () => props.actions.form(row.key);
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
                      <For each={props.options}>
                        {(option) => {
                          const id = createUniqueId();
                          return (
                            <div class="a-cell-field">
                              <label for={id}>
                                {option.name.trim() || "Option"}
                                <span class="visually-hidden">, {title()}</span>
                              </label>
                              <select
                                id={id}
                                aria-invalid={err("options") ? "true" : undefined}
                                onChange={(e) => {
                                  const value = Number(e.currentTarget.value);
                                  props.setRows(index(), "choice", (choice) => {
                                    const next = { ...choice };
                                    if (value) next[option.key] = value;
                                    else delete next[option.key];
                                    return next;
                                  });
                                }}
                              >
                                <option value="">Choose…</option>
                                <For each={option.values}>
                                  {(value) => (
                                    <option value={value.key} selected={row.choice[option.key] === value.key}>
                                      {value.value.trim() || "(no name yet)"}
                                    </option>
                                  )}
                                </For>
                              </select>
                            </div>
                          );
                        }}
                      </For>
                    </Show>
                    <Show when={err("options")}>
                      <small class="a-field-error a-block">{err("options")}</small>
                    </Show>
                    <Cell
                      label="SKU"
                      context={context()}
                      value={row.sku}
                      onInput={set("sku")}
                      error={err("sku")}
                      placeholder={row.saved ? undefined : "made from the slug"}
                    />
                  </td>
                  <td class="a-cells">
                    <Cell
                      label="Price"
                      context={context()}
                      currency={props.currency}
                      value={row.price}
                      onInput={set("price")}
                      error={err("price")}
                    />
                    <Cell
                      label="Discount"
                      context={context()}
                      currency={props.currency}
                      value={row.discount}
                      onInput={set("discount")}
                      error={err("discount")}
                      placeholder="none"
                    />
                  </td>
                  <td class="a-cells">
                    <Cell
                      label="Old price"
                      context={context()}
                      currency={props.currency}
                      value={row.oldPrice}
                      onInput={set("oldPrice")}
                      error={err("oldPrice")}
                      placeholder="none"
                    />
                    <Cell
                      label="Shipping"
                      context={context()}
                      currency={props.currency}
                      value={row.shippingAmount}
                      onInput={set("shippingAmount")}
                      error={err("shippingAmount")}
                      placeholder="free"
                    />
                  </td>
                  <td data-label="Customer pays" class="a-num" data-testid="variant-pays">
                    <Show when={row.saved} fallback={<span class="muted">once saved</span>}>
                      {(saved) => formatMoney(saved().actualPrice, props.currency)}
                    </Show>
                  </td>
                  <td class="a-cells">
                    <Cell
                      label="Stock"
                      context={context()}
                      numeric
                      value={row.stockQty}
                      onInput={set("stockQty")}
                      error={err("stockQty")}
                    />
                    <Show when={stockChanged()}>
                      <Cell
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
                    <Cell
                      label="Alert under"
                      context={context()}
                      numeric
                      value={row.lowStockThreshold}
                      onInput={set("lowStockThreshold")}
                      error={err("lowStockThreshold")}
                      placeholder={row.saved ? undefined : "5"}
                    />
                  </td>
                  <td class="a-cells">
                    <div class="a-check">
                      <input
                        id={`active-${row.key}`}
                        type="checkbox"
                        checked={row.active}
                        onChange={(e) => props.setRows(index(), "active", e.currentTarget.checked)}
                      />
                      <label for={`active-${row.key}`}>
                        For sale<span class="visually-hidden">{context() ? `, ${context()}` : ""}</span>
                      </label>
                    </div>
                  </td>
                  <td class="a-cells a-variant-actions">
                    <Show
                      when={props.actions.productId}
                      fallback={
                        <Show when={props.rows.length > 1}>
                          <button
                            type="button"
                            class="button a-danger-outline a-small"
                            onClick={() => props.setRows((rows) => rows.filter((r) => r.key !== row.key))}
                          >
                            Remove<span class="visually-hidden"> {title()}</span>
                          </button>
                        </Show>
                      }
                    >
                      <span class="a-row-actions">
                        <button
                          type="button"
                          class="button a-small"
                          disabled={form()?.busy() || !isDirty(row, props.currency)}
                          onClick={() => props.actions.save(row.key)}
                        >
                          {row.saved ? "Save" : "Add"}
                          <span class="visually-hidden"> {title()}</span>
                        </button>
                        <Show when={row.saved && isDirty(row, props.currency)}>
                          <span class="a-dirty">Unsaved</span>
                        </Show>
                      </span>
                      <Show
                        when={row.saved}
                        fallback={
                          <button
                            type="button"
                            class="button secondary a-small"
                            onClick={() => props.setRows((rows) => rows.filter((r) => r.key !== row.key))}
                          >
                            Discard<span class="visually-hidden"> {title()}</span>
                          </button>
                        }
                      >
                        {(saved) => (
                          <>
                            <button
                              type="button"
                              class="button secondary a-small"
                              aria-expanded={openHistory() === row.key}
                              aria-controls={openHistory() === row.key ? historyId : undefined}
                              onClick={() => setOpenHistory(openHistory() === row.key ? null : row.key)}
                            >
                              Stock history<span class="visually-hidden"> of {title()}</span>
                            </button>
                            <Show
                              when={savedCount() > 1}
                              fallback={<small class="muted">A product keeps at least one variant.</small>}
                            >
                              <ConfirmButton
                                label="Delete"
                                question={`Delete ${title()} for good?`}
                                confirmLabel="Delete"
                                danger
                                disabled={form()?.busy()}
                                onConfirm={() => props.actions.remove(row.key)}
                              />
                            </Show>
                            <Show when={props.actions.blocked(row.key) && saved().active}>
                              <button
                                type="button"
                                class="button a-small"
                                disabled={form()?.busy()}
                                onClick={() => props.actions.deactivate(row.key)}
                              >
                                Deactivate instead<span class="visually-hidden"> {title()}</span>
                              </button>
                            </Show>
                          </>
                        )}
                      </Show>
                      <Show when={form()}>{(f) => <FormStatus form={f()} />}</Show>
                    </Show>
                  </td>
                </tr>
                <Show when={props.actions.productId && row.saved && openHistory() === row.key}>
                  <tr class="a-variant-extra">
                    <td colSpan={8} id={historyId}>
                      <InventoryHistory
                        productId={props.actions.productId as string}
                        variantId={row.saved?.id as string}
                        title={title()}
                        version={props.actions.version(row.key)}
                      />
                    </td>
                  </tr>
                </Show>
              </tbody>
            );
          }}
        </For>
      </table>
      {props.footer}
    </div>
  );
}
