import { Show } from "solid-js";
import { InputField, SelectField } from "../components/Fields.tsx";
import { orderStatuses, statusLabels } from "../lib/orders.ts";

/** The orders' filters as staff type them: text, status and a range of days. */
export interface OrderFilterDraft {
  q: string;
  status: string;
  from: string;
  to: string;
}

/** The filter form: applied on submit, cleared at once. */
export function OrderFilters(props: {
  draft: OrderFilterDraft;
  set: (field: keyof OrderFilterDraft) => (value: string) => void;
  filtered: boolean;
  onApply: (event: SubmitEvent) => void;
  onClear: () => void;
}) {
  return (
    <form class="a-filters" aria-label="Filter orders" onSubmit={props.onApply}>
      <InputField label="Order id or customer" type="search" value={props.draft.q} onInput={props.set("q")} optional />
      <SelectField
        label="Status"
        value={props.draft.status}
        onChange={props.set("status")}
        choices={[
          { value: "", label: "Any status" },
          ...orderStatuses.map((s) => ({ value: s, label: statusLabels[s] })),
        ]}
      />
      <InputField label="Placed from" type="date" value={props.draft.from} onInput={props.set("from")} optional />
      <InputField
        label="Placed until"
        type="date"
        value={props.draft.to}
        onInput={props.set("to")}
        optional
        hint="Includes that day"
      />
      <div class="a-filter-buttons">
        <button type="submit" class="button">
          Apply
        </button>
        <Show when={props.filtered}>
          <button type="button" class="button secondary" onClick={props.onClear}>
            Clear filters
          </button>
        </Show>
      </div>
    </form>
  );
}
