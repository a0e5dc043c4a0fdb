import { For, Show } from "solid-js";
import type { SetStoreFunction } from "solid-js/store";
import { OptionItem } from "./OptionItem.tsx";
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
            {(option, i) => (
              <OptionItem
                option={option}
                index={i()}
                count={props.options.length}
                fixed={props.fixed}
                used={props.used}
                error={props.error}
                setOptions={props.setOptions}
              />
            )}
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
