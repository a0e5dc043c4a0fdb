import { createUniqueId, For } from "solid-js";
import type { ProductOption, Variant } from "../catalog/catalog.ts";
import { pick, type ValueState, valueStates } from "./variants.ts";

const stateWords: Record<ValueState, string> = { available: "", sold_out: "sold out", missing: "unavailable" };

/**
 * The product's options as groups of radio buttons, read top to bottom: a value that leads to no
 * variant, or only to sold-out ones, is disabled and says so (the one chosen stays choosable).
 */
export function VariantPicker(props: {
  options: ProductOption[];
  variants: Variant[];
  selected: Variant;
  stockOf: (variant: Variant) => number;
  onPick: (variant: Variant) => void;
}) {
  const group = createUniqueId();
  const states = () => valueStates(props.options, props.variants, props.selected, props.stockOf);
  return (
    <div class="picker" data-testid="variant-picker">
      <For each={states()}>
        {(option) => (
          <fieldset class="picker-option">
            <legend>
              {option.name}: <strong>{props.selected.options[option.name]}</strong>
            </legend>
            <div class="picker-values">
              <For each={option.values}>
                {(entry) => {
                  const chosen = () => props.selected.options[option.name] === entry.value;
                  const unavailable = () => entry.state !== "available" && !chosen();
                  return (
                    <label class="picker-value" classList={{ "picker-off": entry.state !== "available" }}>
                      <input
                        type="radio"
                        name={`${group}-${option.name}`}
                        value={entry.value}
                        checked={chosen()}
                        disabled={unavailable()}
                        onChange={() => {
                          const next = pick(
                            props.options,
                            props.variants,
                            props.selected,
                            option.name,
                            entry.value,
                            props.stockOf,
                          );
                          if (next) props.onPick(next);
                        }}
                      />
                      <span>
                        {entry.value}
                        {entry.state === "available" ? "" : ` (${stateWords[entry.state]})`}
                      </span>
                    </label>
                  );
                }}
              </For>
            </div>
          </fieldset>
        )}
      </For>
    </div>
  );
}
