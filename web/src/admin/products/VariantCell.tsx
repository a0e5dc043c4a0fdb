import { createUniqueId, Show } from "solid-js";
import { describedBy, FieldNotes } from "../components/Fields.tsx";
import { currencySymbol } from "../lib/money.ts";

/** One input of a variant, labelled by the field and (for assistive technology) by the variant. */
export function VariantCell(props: {
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
