import { Show } from "solid-js";
import { formatMoney } from "../../lib/money.ts";
import { VariantCell } from "./VariantCell.tsx";
import type { VariantDraft } from "./variants.ts";

/** A variant's money cells: price and discount, old price and shipping, and what customers pay as saved. */
export function VariantAmounts(props: {
  row: VariantDraft;
  context: string;
  currency: string;
  set: (field: "price" | "discount" | "oldPrice" | "shippingAmount") => (value: string) => void;
  err: (field: string) => string | undefined;
}) {
  const row = props.row;
  const context = () => props.context;
  const set = props.set;
  const err = props.err;
  return (
    <>
      <td class="a-cells">
        <VariantCell
          label="Price"
          context={context()}
          currency={props.currency}
          value={row.price}
          onInput={set("price")}
          error={err("price")}
        />
        <VariantCell
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
        <VariantCell
          label="Old price"
          context={context()}
          currency={props.currency}
          value={row.oldPrice}
          onInput={set("oldPrice")}
          error={err("oldPrice")}
          placeholder="none"
        />
        <VariantCell
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
    </>
  );
}
