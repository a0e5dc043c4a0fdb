import { For, Show } from "solid-js";
import type { SetStoreFunction } from "solid-js/store";
import { InputField } from "../components/Fields.tsx";
import { moved } from "../lib/form.ts";
import { maxOptions, nextKey, type OptionDraft } from "./variants.ts";

/**
 * A product's options (up to three), each a name and its values in the order shoppers see them. Once
 * a product exists its variants are bound to the options' names: then only values change, and a
 * value a variant has cannot be removed.
 */
export function OptionsEditor(props: {
  options: OptionDraft[];
  setOptions: SetStoreFunction<OptionDraft[]>;
  /** The product exists: names and the number of options are fixed. */
  fixed: boolean;
  /** Values that variants have, by option name: they cannot be removed. */
  used: (name: string, value: string) => boolean;
  error: (path: string) => string | undefined;
}) {
  return (
    <div class="a-options">
      <Show
        when={props.options.length > 0}
        fallback={
          <p class="muted">
            {props.fixed
              ? "This product has no options: it is sold as one variant. Options are given when a product is created."
              : "No options: the product is sold as one variant. Add an option (such as Size or Colour) to sell it in several."}
          </p>
        }
      >
        <ol class="a-option-list">
          <For each={props.options}>
            {(option, i) => {
              const label = () => option.name.trim() || `Option ${i() + 1}`;
              return (
                <li class="a-option" data-testid="option">
                  <div class="a-option-head">
                    <InputField
                      label={`Option ${i() + 1} name`}
                      value={option.name}
                      onInput={(value) => props.setOptions(i(), "name", value)}
                      error={props.error(`options.${i()}.name`) ?? props.error(`options.${i()}`)}
                      readOnly={props.fixed}
                      hint={
                        props.fixed
                          ? "Fixed: the variants are bound to it. Values variants have stay; others can be added, moved or removed."
                          : "Such as Size or Colour."
                      }
                      maxLength={40}
                    />
                    <Show when={!props.fixed}>
                      <span class="a-row-actions">
                        <button
                          type="button"
                          class="button secondary a-small"
                          disabled={i() === 0}
                          aria-label={`Move option ${label()} up`}
                          onClick={() => props.setOptions((list) => moved(list, i(), -1))}
                        >
                          ↑
                        </button>
                        <button
                          type="button"
                          class="button secondary a-small"
                          disabled={i() === props.options.length - 1}
                          aria-label={`Move option ${label()} down`}
                          onClick={() => props.setOptions((list) => moved(list, i(), 1))}
                        >
                          ↓
                        </button>
                        <button
                          type="button"
                          class="button a-danger-outline a-small"
                          aria-label={`Remove option ${label()}`}
                          onClick={() => props.setOptions((list) => list.filter((_, j) => j !== i()))}
                        >
                          Remove
                        </button>
                      </span>
                    </Show>
                  </div>
                  {/* biome-ignore lint/a11y/useSemanticElements: the values of one option, not a form of its own */}
                  <div role="group" aria-label={`Values of ${label()}`}>
                    <ol class="a-values">
                      <For each={option.values}>
                        {(value, j) => {
                          const inUse = () => props.fixed && props.used(option.name, value.value);
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
                                  disabled={j() === option.values.length - 1}
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
                                    onClick={() =>
                                      props.setOptions(i(), "values", (list) => list.filter((_, k) => k !== j()))
                                    }
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
                      onClick={() =>
                        props.setOptions(i(), "values", (list) => [...list, { key: nextKey(), value: "" }])
                      }
                    >
                      Add a value<span class="visually-hidden"> to {label()}</span>
                    </button>
                  </div>
                </li>
              );
            }}
          </For>
        </ol>
      </Show>
      <Show when={props.error("options")}>
        <p class="a-field-error">{props.error("options")}</p>
      </Show>
      <Show when={!props.fixed}>
        <button
          type="button"
          class="button secondary"
          disabled={props.options.length >= maxOptions}
          onClick={() =>
            props.setOptions((list) => [...list, { key: nextKey(), name: "", values: [{ key: nextKey(), value: "" }] }])
          }
        >
          Add an option
        </button>
        <Show when={props.options.length >= maxOptions}>
          <small class="muted"> A product has at most {maxOptions} options.</small>
        </Show>
      </Show>
    </div>
  );
}
