import { createUniqueId, Show } from "solid-js";
import { fromAmount, toAmount } from "../../lib/money.ts";

/** A price bound typed in the currency's units; the address keeps it in minor units, as the API takes it. */
export function PriceBound(props: {
  label: string;
  cents: string | undefined;
  currency: string;
  error?: string;
  onApply: (cents: string | undefined) => void;
  onInvalid: (message: string | undefined) => void;
}) {
  const id = createUniqueId();
  return (
    <label class="filter-field" for={id}>
      <span>{props.label}</span>
      <input
        id={id}
        inputmode="decimal"
        autocomplete="off"
        size="8"
        placeholder="any"
        value={props.cents ? toAmount(Number(props.cents), props.currency) : ""}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={props.error ? `${id}-error` : undefined}
        onChange={(e) => {
          const text = e.currentTarget.value.trim();
          if (text === "") {
            props.onInvalid(undefined);
            return props.onApply(undefined);
          }
          const minor = fromAmount(text, props.currency);
          if (minor === null) return props.onInvalid(`Enter an amount such as ${toAmount(2500, props.currency)}.`);
          props.onInvalid(undefined);
          props.onApply(String(minor));
        }}
      />
      <Show when={props.error}>
        <small id={`${id}-error`} class="form-error">
          {props.error}
        </small>
      </Show>
    </label>
  );
}
