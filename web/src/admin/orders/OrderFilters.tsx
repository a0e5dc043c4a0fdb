import { Show } from "solid-js";
import { InputField } from "../components/Fields.tsx";

/** The orders' filters as staff type them: text and a range of days (the status is a tab). */
export interface OrderFilterDraft {
  q: string;
  from: string;
  to: string;
}

/** The filter form: each filter applies as it is chosen (the text once typing pauses); cleared at once. */
export function OrderFilters(props: {
  draft: OrderFilterDraft;
  set: (field: keyof OrderFilterDraft) => (value: string) => void;
  filtered: boolean;
  onClear: () => void;
}) {
  return (
    <form class="a-filters" aria-label="Filter orders" onSubmit={(event) => event.preventDefault()}>
      <InputField
        label="Order number or customer"
        type="search"
        value={props.draft.q}
        onInput={props.set("q")}
        optional
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
      <Show when={props.filtered}>
        <div class="a-filter-buttons">
          <button type="button" class="button secondary" onClick={props.onClear}>
            Clear filters
          </button>
        </div>
      </Show>
    </form>
  );
}
