import { createUniqueId, For, Show } from "solid-js";
import { countriesByName } from "../../lib/regions.ts";

/** The country of an address, chosen from the list (never typed letters). */
export function CountrySelect(props: { value: string; onChange: (code: string) => void; error?: string }) {
  const errorId = createUniqueId();
  const labelId = createUniqueId();
  // Named by its label alone: a label around a select would also read out every country in it.
  return (
    <label class="field">
      <span id={labelId}>Country</span>
      <select
        aria-labelledby={labelId}
        name="country"
        autocomplete="country"
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.value)}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={props.error ? errorId : undefined}
      >
        <For each={countriesByName}>
          {(country) => (
            <option value={country.code} selected={country.code === props.value}>
              {country.name}
            </option>
          )}
        </For>
      </select>
      <Show when={props.error}>
        <small id={errorId} class="field-error">
          {props.error}
        </small>
      </Show>
    </label>
  );
}
