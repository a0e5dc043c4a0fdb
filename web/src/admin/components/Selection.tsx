import type { JSX } from "solid-js";
import { Show } from "solid-js";
import type { Form } from "../../lib/form.ts";
import type { Selection } from "../lib/selection.ts";
import { FormStatus } from "./Feedback.tsx";

/** The header cell that selects (or unselects) every row on the page. */
export function SelectAll(props: { selection: Selection; ids: string[]; label: string }) {
  const all = () => props.ids.length > 0 && props.ids.every((id) => props.selection.has(id));
  return (
    <th scope="col" class="a-check">
      <input
        type="checkbox"
        class="a-checkbox"
        aria-label={props.label}
        checked={all()}
        onChange={(e) => props.selection.select(props.ids, e.currentTarget.checked)}
      />
    </th>
  );
}

/** The cell that selects one row. */
export function SelectOne(props: { selection: Selection; id: string; label: string }) {
  return (
    <td class="a-check">
      <input
        type="checkbox"
        class="a-checkbox"
        aria-label={props.label}
        checked={props.selection.has(props.id)}
        onChange={(e) => props.selection.select([props.id], e.currentTarget.checked)}
      />
    </td>
  );
}

/**
 * The bar over a list while rows are selected: how many ("3 orders selected"), a way to clear, the
 * actions. What its `form` did is said even once nothing is left selected.
 */
export function SelectionBar(props: {
  selection: Selection;
  form: Form;
  one: string;
  many: string;
  label: string;
  children: JSX.Element;
}) {
  const count = () => props.selection.size();
  return (
    <>
      <Show when={count() > 0}>
        <section class="a-bulk" aria-label={props.label}>
          <p class="a-bulk-count">
            <strong>{count() === 1 ? `1 ${props.one}` : `${count()} ${props.many}`} selected</strong>{" "}
            <button type="button" class="link" onClick={() => props.selection.keep()}>
              Clear selection
            </button>
          </p>
          {props.children}
        </section>
      </Show>
      <FormStatus form={props.form} />
    </>
  );
}
