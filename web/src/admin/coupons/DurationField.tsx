import { createUniqueId, For, Show } from "solid-js";
import { describedBy, FieldNotes } from "../components/Fields.tsx";
import { type DurationUnit, durationUnits } from "./duration.ts";

export interface DurationValue {
  amount: string;
  /** "custom" keeps an ISO 8601 duration this form cannot express in one unit (P1M). */
  unit: DurationUnit | "custom";
  custom: string;
}

/** A duration as an amount and a unit (30 minutes, 7 days), sent to the API as ISO 8601 (PT30M, P7D). */
export function DurationField(props: {
  legend: string;
  value: DurationValue;
  onChange: (value: DurationValue) => void;
  error?: string;
  hint?: string;
}) {
  const id = createUniqueId();
  const update = (change: Partial<DurationValue>) => props.onChange({ ...props.value, ...change });
  // The hint gives way to the error.
  const notes = () => ({ hint: props.error ? undefined : props.hint, error: props.error });
  return (
    <fieldset class="a-duration" aria-describedby={describedBy(id, notes())}>
      <legend>{props.legend}</legend>
      <div class="a-duration-row">
        <Show
          when={props.value.unit !== "custom"}
          fallback={
            <input
              aria-label={`${props.legend} (ISO 8601)`}
              value={props.value.custom}
              onInput={(e) => update({ custom: e.currentTarget.value })}
              aria-invalid={props.error ? "true" : undefined}
            />
          }
        >
          <input
            aria-label={`${props.legend}: how many`}
            type="number"
            min="1"
            inputmode="numeric"
            value={props.value.amount}
            onInput={(e) => update({ amount: e.currentTarget.value })}
            aria-invalid={props.error ? "true" : undefined}
          />
        </Show>
        <select
          aria-label={`${props.legend}: unit`}
          value={props.value.unit}
          onChange={(e) => update({ unit: e.currentTarget.value as DurationValue["unit"] })}
        >
          <For each={durationUnits}>
            {(unit) => (
              <option value={unit.unit} selected={unit.unit === props.value.unit}>
                {unit.label}
              </option>
            )}
          </For>
          <Show when={props.value.unit === "custom"}>
            <option value="custom" selected>
              ISO 8601
            </option>
          </Show>
        </select>
      </div>
      <FieldNotes id={id} {...notes()} />
    </fieldset>
  );
}
