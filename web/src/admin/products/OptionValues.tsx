import { For, Show } from "solid-js";
import type { SetStoreFunction } from "solid-js/store";
import { InputField } from "../components/Fields.tsx";
import { moved } from "../lib/checks.ts";
import { nextKey, type OptionDraft } from "./variants.ts";

/** The values of one option, in the order shoppers see them; a value a variant has stays (a chip). */
export function OptionValues(props: {
  option: OptionDraft;
  /** The option's place in the product's options. */
  index: number;
  /** The option as staff read it: its name, or "Option 2" while it has none. */
  label: string;
  fixed: boolean;
  used: (name: string, value: string) => boolean;
  error: (path: string) => string | undefined;
  setOptions: SetStoreFunction<OptionDraft[]>;
}) {
  const i = () => props.index;
  const label = () => props.label;
  return (
    // biome-ignore lint/a11y/useSemanticElements: the values of one option, not a form of its own
    <div role="group" aria-label={`Values of ${label()}`}>
      <ol class="a-values">
        <For each={props.option.values}>
          {(value, j) => {
            const inUse = () => props.fixed && props.used(props.option.name, value.value);
            return (
              <li>
                <Show
                  when={!inUse()}
                  fallback={
                    <span class="a-value-chip" data-testid="option-value">
                      {value.value}
                      <span class="visually-hidden"> (a variant has it)</span>
                    </span>
                  }
                >
                  <InputField
                    label={`${label()} value ${j() + 1}`}
                    value={value.value}
                    onInput={(text) => props.setOptions(i(), "values", j(), "value", text)}
                    error={props.error(`options.${i()}.values.${j()}`)}
                    maxLength={60}
                  />
                </Show>
                <span class="a-row-actions">
                  <button
                    type="button"
                    class="button secondary a-small"
                    disabled={j() === 0}
                    aria-label={`Move ${label()} value ${j() + 1} earlier`}
                    onClick={() => props.setOptions(i(), "values", (list) => moved(list, j(), -1))}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    class="button secondary a-small"
                    disabled={j() === props.option.values.length - 1}
                    aria-label={`Move ${label()} value ${j() + 1} later`}
                    onClick={() => props.setOptions(i(), "values", (list) => moved(list, j(), 1))}
                  >
                    ↓
                  </button>
                  <Show when={!inUse()}>
                    <button
                      type="button"
                      class="button a-danger-outline a-small"
                      aria-label={`Remove ${label()} value ${j() + 1}`}
                      onClick={() => props.setOptions(i(), "values", (list) => list.filter((_, k) => k !== j()))}
                    >
                      Remove
                    </button>
                  </Show>
                </span>
              </li>
            );
          }}
        </For>
      </ol>
      <Show when={props.error(`options.${i()}.values`)}>
        <small class="a-field-error a-block">{props.error(`options.${i()}.values`)}</small>
      </Show>
      <button
        type="button"
        class="button secondary a-small"
        onClick={() => props.setOptions(i(), "values", (list) => [...list, { key: nextKey(), value: "" }])}
      >
        Add a value<span class="visually-hidden"> to {label()}</span>
      </button>
    </div>
  );
}
