import { createUniqueId, For } from "solid-js";
import type { SetStoreFunction } from "solid-js/store";
import type { OptionDraft, VariantDraft } from "./variants.ts";

/** A new variant's option values, one select per option of the product. */
export function VariantChoice(props: {
  row: VariantDraft;
  index: number;
  title: string;
  options: OptionDraft[];
  setRows: SetStoreFunction<VariantDraft[]>;
  invalid: boolean;
}) {
  return (
    <For each={props.options}>
      {(option) => {
        const id = createUniqueId();
        return (
          <div class="a-cell-field">
            <label for={id}>
              {option.name.trim() || "Option"}
              <span class="visually-hidden">, {props.title}</span>
            </label>
            <select
              id={id}
              aria-invalid={props.invalid ? "true" : undefined}
              onChange={(e) => {
                const value = Number(e.currentTarget.value);
                props.setRows(props.index, "choice", (choice) => {
                  const next = { ...choice };
                  if (value) next[option.key] = value;
                  else delete next[option.key];
                  return next;
                });
              }}
            >
              <option value="">Choose…</option>
              <For each={option.values}>
                {(value) => (
                  <option value={value.key} selected={props.row.choice[option.key] === value.key}>
                    {value.value.trim() || "(no name yet)"}
                  </option>
                )}
              </For>
            </select>
          </div>
        );
      }}
    </For>
  );
}
