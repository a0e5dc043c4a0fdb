import { createSignal, createUniqueId, For, Show } from "solid-js";
import { countryName, regionChoices } from "../lib/countries.ts";

/** A zone's countries, each chosen from the list by name (the rest of the world too) and removable. */
export function CountryPicker(props: { chosen: string[]; onChange: (codes: string[]) => void; error?: string }) {
  const id = createUniqueId();
  const [next, setNext] = createSignal("");
  const add = () => {
    if (next() && !props.chosen.includes(next())) props.onChange([...props.chosen, next()]);
    setNext("");
  };
  return (
    <fieldset class="a-countries" aria-describedby={props.error ? `${id}-error` : undefined}>
      <legend>Countries</legend>
      <Show when={props.chosen.length > 0} fallback={<p class="muted">No country yet: add one below.</p>}>
        <ul class="a-chips">
          <For each={props.chosen}>
            {(code) => (
              <li class="a-chip">
                {countryName(code)}
                <button
                  type="button"
                  class="a-chip-remove"
                  aria-label={`Remove ${countryName(code)}`}
                  onClick={() => props.onChange(props.chosen.filter((c) => c !== code))}
                >
                  ×
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <div class="a-chip-add">
        <label class="visually-hidden" for={id}>
          Country to add
        </label>
        <select
          id={id}
          class="a-chip-select"
          value={next()}
          onChange={(e) => setNext(e.currentTarget.value)}
          aria-invalid={props.error ? "true" : undefined}
        >
          <option value="">Choose a country…</option>
          <For each={regionChoices.filter((choice) => !props.chosen.includes(choice.value))}>
            {(choice) => <option value={choice.value}>{choice.label}</option>}
          </For>
        </select>
        <button type="button" class="button secondary a-small" disabled={!next()} onClick={add}>
          Add country
        </button>
      </div>
      <Show when={props.error}>
        <small id={`${id}-error`} class="a-field-error">
          {props.error}
        </small>
      </Show>
    </fieldset>
  );
}
