import { createSignal } from "solid-js";
import type { Form } from "../../lib/form.ts";
import { InputField } from "../components/Fields.tsx";
import { SelectionBar } from "../components/Selection.tsx";
import { createChecks } from "../lib/checks.ts";
import type { Selection } from "../lib/selection.ts";
import type { BulkProductAction } from "./bulk-products.ts";

/**
 * What staff do to the products they selected: put them up for sale or take them off, or adjust the
 * stock of each (of a product with one variant) by a number of units, saying why.
 */
export function BulkProductBar(props: {
  selection: Selection;
  form: Form;
  onRun: (what: () => BulkProductAction) => void;
}) {
  const [units, setUnits] = createSignal("");
  const [reason, setReason] = createSignal("");
  const adjustment = (): BulkProductAction => {
    const check = createChecks();
    const text = units().trim();
    const delta = /^[-+−]?\d+$/.test(text) ? Number(text.replace("−", "-")) : Number.NaN;
    if (!Number.isSafeInteger(delta) || delta === 0)
      check.fail("delta", "Enter the units to add, such as 5, or to take away, such as -5.");
    check.text("reason", reason(), "Why the stock changes");
    check.done();
    return { action: "adjust_stock", delta, reason: reason().trim() };
  };
  const busy = () => props.form.busy();
  return (
    <SelectionBar selection={props.selection} form={props.form} one="product" many="products" label="Selected products">
      <button
        type="button"
        class="button"
        disabled={busy()}
        onClick={() => props.onRun(() => ({ action: "activate" }))}
      >
        Set active
      </button>
      <button
        type="button"
        class="button secondary"
        disabled={busy()}
        onClick={() => props.onRun(() => ({ action: "deactivate" }))}
      >
        Set inactive
      </button>
      <InputField
        label="Units (+ or −)"
        value={units()}
        onInput={setUnits}
        inputmode="numeric"
        error={props.form.errors().delta}
      />
      <InputField
        label="Why the stock changes"
        value={reason()}
        onInput={setReason}
        maxLength={200}
        error={props.form.errors().reason}
      />
      <button type="button" class="button secondary" disabled={busy()} onClick={() => props.onRun(adjustment)}>
        Adjust stock
      </button>
    </SelectionBar>
  );
}
