import { createSignal } from "solid-js";
import type { Form } from "../../lib/form.ts";
import { ConfirmButton } from "../components/Feedback.tsx";
import { InputField } from "../components/Fields.tsx";
import { SelectionBar } from "../components/Selection.tsx";
import type { Selection } from "../lib/selection.ts";
import type { BulkAction } from "./bulk-orders.ts";

/**
 * What staff do to the orders they selected: ship them (one carrier for all, if given; tracking
 * numbers are per parcel, on each order's page) or cancel them.
 */
export function BulkOrderBar(props: { selection: Selection; form: Form; onRun: (what: BulkAction) => void }) {
  const [carrier, setCarrier] = createSignal("");
  const count = () => props.selection.size();
  const orders = () => (count() === 1 ? "1 order" : `${count()} orders`);
  return (
    <SelectionBar selection={props.selection} form={props.form} one="order" many="orders" label="Selected orders">
      <InputField label="Carrier for all" value={carrier()} onInput={setCarrier} maxLength={60} optional />
      <button
        type="button"
        class="button"
        disabled={props.form.busy()}
        onClick={() => props.onRun({ action: "ship", ...(carrier().trim() ? { carrier: carrier().trim() } : {}) })}
      >
        Ship selected
      </button>
      <ConfirmButton
        label="Cancel selected"
        question={`Cancel ${orders()}? Only orders awaiting payment are canceled.`}
        confirmLabel="Cancel them"
        danger
        disabled={props.form.busy()}
        onConfirm={() => props.onRun({ action: "cancel" })}
      />
    </SelectionBar>
  );
}
