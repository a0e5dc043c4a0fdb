import { A } from "@solidjs/router";
import { Show } from "solid-js";
import { formatMoney } from "../../lib/money.ts";
import { SelectOne } from "../components/Selection.tsx";
import type { Selection } from "../lib/selection.ts";
import type { AdminProduct } from "../lib/types.ts";
import { QuickStock } from "./QuickStock.tsx";
import type { RowDrafts } from "./row-drafts.ts";

/** "$12.00" or "$12.00 – $18.00": what customers pay, over the variants for sale. */
const rangeText = (product: AdminProduct) =>
  !product.priceRange
    ? "—"
    : product.priceRange.min === product.priceRange.max
      ? formatMoney(product.priceRange.min, product.currency)
      : `${formatMoney(product.priceRange.min, product.currency)} – ${formatMoney(product.priceRange.max, product.currency)}`;

/**
 * One product in the list, selectable: its price range and total stock, with each variant's stock
 * changed right here (a change says why), the price of a product with one variant, and whether it is
 * for sale; what changes is saved with the other rows by "Save all", and a failure is said here.
 */
export function QuickEdit(props: { product: AdminProduct; drafts: RowDrafts; selection: Selection }) {
  const only = () => (props.product.variants.length === 1 ? props.product.variants[0] : undefined);
  const draft = () => props.drafts.draftFor(props.product);
  const edit = (change: Parameters<RowDrafts["edit"]>[1]) => props.drafts.edit(props.product, change);
  const failure = () => props.drafts.failure(props.product.id);
  const errors = () => failure()?.fields ?? {};
  const name = () => props.product.name;
  return (
    <tr
      data-testid="admin-product-row"
      classList={{ "a-inactive": !props.product.active, "a-selected": props.selection.has(props.product.id) }}
    >
      <SelectOne selection={props.selection} id={props.product.id} label={`Select ${name()}`} />
      <td data-label="Product">
        <A href={`/admin/products/${props.product.id}`}>{name()}</A>
        <Show when={!props.product.active}>
          {" "}
          <span class="badge out">not for sale</span>
        </Show>
        <Show when={props.product.variants.length > 1}>
          <small class="muted a-block">{props.product.variants.length} variants</small>
        </Show>
        <Show when={failure()}>
          {(failed) => (
            <small class="a-field-error a-block" data-testid="row-error">
              Not saved: {failed().message}
            </small>
          )}
        </Show>
      </td>
      <td data-label="Price">
        <Show when={only()} fallback={<span class="muted">per variant</span>}>
          <input
            class="a-amount"
            aria-label={`Price of ${name()}`}
            inputmode="decimal"
            value={draft().price}
            aria-invalid={errors().price ? "true" : undefined}
            onInput={(e) => {
              const value = e.currentTarget.value;
              edit((d) => {
                d.price = value;
              });
            }}
          />
        </Show>
      </td>
      <td data-label="Customer pays" class="a-num" data-testid="price-range">
        {rangeText(props.product)}
      </td>
      <QuickStock
        product={props.product}
        only={only()}
        stock={draft().stock}
        setStock={(variantId, value) =>
          edit((d) => {
            d.stock[variantId] = value;
          })
        }
        reason={draft().reason}
        setReason={(value) =>
          edit((d) => {
            d.reason = value;
          })
        }
        errors={errors()}
      />
      <td data-label="For sale">
        <input
          aria-label={`${name()} is for sale`}
          type="checkbox"
          checked={draft().active}
          onChange={(e) => {
            const value = e.currentTarget.checked;
            edit((d) => {
              d.active = value;
            });
          }}
        />
      </td>
    </tr>
  );
}
