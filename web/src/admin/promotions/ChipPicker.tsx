import { createSignal, createUniqueId, For, type JSX, Show } from "solid-js";
import type { Choice } from "../components/Fields.tsx";

/** Ids chosen from a list by name, each shown as a removable chip; `extra` adds another way to add. */
export function ChipPicker(props: {
  legend: string;
  chosen: string[];
  choices: Choice[];
  onChange: (ids: string[]) => void;
  empty: string;
  nameOf?: (id: string) => JSX.Element;
  extra?: JSX.Element;
  error?: string;
}) {
  const id = createUniqueId();
  const [next, setNext] = createSignal("");
  const label = (value: string) =>
    props.nameOf?.(value) ?? props.choices.find((c) => c.value === value)?.label ?? "Unknown (deleted?)";
  const add = () => {
    if (next() && !props.chosen.includes(next())) props.onChange([...props.chosen, next()]);
    setNext("");
  };
  return (
    <fieldset class="a-countries" aria-describedby={props.error ? `${id}-error` : undefined}>
      <legend>{props.legend}</legend>
      <Show when={props.chosen.length > 0} fallback={<p class="muted">{props.empty}</p>}>
        <ul class="a-chips">
          <For each={props.chosen}>
            {(value) => (
              <li class="a-chip">
                <span>{label(value)}</span>
                <button
                  type="button"
                  class="a-chip-remove"
                  onClick={() => props.onChange(props.chosen.filter((v) => v !== value))}
                >
                  <span aria-hidden="true">×</span>
                  <span class="visually-hidden">Remove {label(value)}</span>
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={props.choices.length > 0}>
        <div class="a-chip-add">
          <label class="visually-hidden" for={id}>
            Add to {props.legend.toLowerCase()}
          </label>
          <select id={id} class="a-chip-select" value={next()} onChange={(e) => setNext(e.currentTarget.value)}>
            <option value="">Choose…</option>
            <For each={props.choices.filter((choice) => !props.chosen.includes(choice.value))}>
              {(choice) => <option value={choice.value}>{choice.label}</option>}
            </For>
          </select>
          <button type="button" class="button secondary a-small" disabled={!next()} onClick={add}>
            Add
          </button>
        </div>
      </Show>
      {props.extra}
      <Show when={props.error}>
        <small id={`${id}-error`} class="a-field-error">
          {props.error}
        </small>
      </Show>
    </fieldset>
  );
}
