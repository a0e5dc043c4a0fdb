import { createAsync } from "@solidjs/router";
import { createUniqueId, For, Show } from "solid-js";
import { FieldNotes } from "../components/Fields.tsx";
import { getTaxClasses } from "../taxes/taxes.ts";
import { VariantCell } from "./VariantCell.tsx";
import type { VariantDraft } from "./variants.ts";

/** A variant's weight (for shipping priced by weight) and its tax class. */
export function VariantWeightCell(props: {
  row: VariantDraft;
  context: string;
  set: (field: "weightGrams" | "taxClassId") => (value: string) => void;
  err: (field: string) => string | undefined;
}) {
  const id = createUniqueId();
  const classes = createAsync(() => getTaxClasses());
  const isDefault = (taxClassId: string) => classes()?.find((c) => c.id === taxClassId)?.isDefault;
  return (
    <td class="a-cells">
      <VariantCell
        label="Weight (g)"
        context={props.context}
        numeric
        value={props.row.weightGrams}
        onInput={props.set("weightGrams")}
        error={props.err("weightGrams")}
        placeholder="0"
      />
      <div class="a-cell-field" classList={{ "a-field-invalid": !!props.err("taxClassId") }}>
        <label for={id}>
          Tax class
          <Show when={props.context}>
            <span class="visually-hidden">, {props.context}</span>
          </Show>
        </label>
        <select
          id={id}
          value={props.row.taxClassId}
          onChange={(e) => props.set("taxClassId")(e.currentTarget.value)}
          aria-invalid={props.err("taxClassId") ? "true" : undefined}
          aria-describedby={props.err("taxClassId") ? `${id}-error` : undefined}
        >
          <Show when={!props.row.saved}>
            <option value="">The default class</option>
          </Show>
          <For each={classes() ?? []}>
            {(c) => (
              <option value={c.id} selected={c.id === props.row.taxClassId}>
                {c.name}
                {isDefault(c.id) ? " (default)" : ""}
              </option>
            )}
          </For>
        </select>
        <FieldNotes id={id} error={props.err("taxClassId")} />
      </div>
    </td>
  );
}
