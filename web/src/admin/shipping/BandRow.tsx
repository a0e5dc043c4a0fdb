import { createUniqueId, Show } from "solid-js";
import { describedBy, FieldNotes } from "../components/Fields.tsx";

export type BandDraft = { min: string; max: string; price: string };

/** One band as a table row: its start, its end (empty: no end) and its price, each with its error. */
export function BandRow(props: {
  row: BandDraft;
  index: number;
  /** "g" for weight bands, else the currency of subtotal bands. */
  unit: string;
  errors: Record<string, string>;
  onChange: (field: keyof BandDraft, value: string) => void;
  onRemove: () => void;
}) {
  const n = () => props.index + 1;
  const overlap = () => (props.errors[`bands.${props.index}`] ? "Overlaps another band." : undefined);
  const cell = (field: keyof BandDraft, label: string) => {
    const id = createUniqueId();
    const error = () => props.errors[`bands.${props.index}.${field}`] ?? (field === "min" ? overlap() : undefined);
    return (
      <td>
        <input
          id={id}
          inputmode={props.unit === "g" && field !== "price" ? "numeric" : "decimal"}
          aria-label={`${label}, band ${n()}`}
          value={props.row[field]}
          placeholder={field === "max" ? "No end" : undefined}
          onInput={(e) => props.onChange(field, e.currentTarget.value)}
          aria-invalid={error() ? "true" : undefined}
          aria-describedby={describedBy(id, { error: error() })}
        />
        <Show when={error()}>
          <FieldNotes id={id} error={error()} />
        </Show>
      </td>
    );
  };
  return (
    <tr>
      {cell("min", props.unit === "g" ? "From (g)" : "From subtotal")}
      {cell("max", props.unit === "g" ? "Up to (g)" : "Up to subtotal")}
      {cell("price", "Price")}
      <td>
        <button type="button" class="button secondary a-small" onClick={() => props.onRemove()}>
          Remove<span class="visually-hidden"> band {n()}</span>
        </button>
      </td>
    </tr>
  );
}
