import { createSignal, Show } from "solid-js";
import type { Form } from "../../lib/form.ts";
import { ConfirmButton, FormStatus } from "../components/Feedback.tsx";
import { InputField } from "../components/Fields.tsx";
import type { BulkAction } from "./bulk-orders.ts";

/**
 * What staff do to the orders they selected: ship them (one carrier for all, if given; tracking
 * numbers are per parcel, on each order's page) or cancel them.
 */
export function BulkOrderBar(props: {
  count: number;
  form: Form;
  onRun: (what: BulkAction) => void;
  onClear: () => void;
}) {
  const [carrier, setCarrier] = createSignal("");
  const orders = () => (props.count === 1 ? "1 order" : `${props.count} orders`);
  return (
    <Show when={props.count > 0}>
      <section class="a-bulk" aria-label="Selected orders">
        <p class="a-bulk-count">
          <strong>{orders()} selected</strong>{" "}
          <button type="button" class="link" onClick={props.onClear}>
            Clear selection
          </button>
        </p>
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
        <FormStatus form={props.form} />
      </section>
    </Show>
  );
}
