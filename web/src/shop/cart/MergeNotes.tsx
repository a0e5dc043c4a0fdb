import { For, Show } from "solid-js";
import { type MergeNote, mergeNotes, setMergeNotes } from "./cart.ts";

/** What the merge of the guest cart had to change, said once after signing in. */
export function MergeNotes() {
  const says = (note: MergeNote) =>
    note.reason === "capped"
      ? `${note.name}: only ${note.available ?? 0} left, so your cart holds ${note.available ?? 0}.`
      : note.reason === "variant_required"
        ? `${note.name}: choose a variant on its page, then add it again.`
        : `${note.name} is no longer available and was left out.`;
  return (
    <Show when={mergeNotes().length > 0}>
      <div class="notice" role="status">
        <p>Your cart from before you signed in was added:</p>
        <ul>
          <For each={mergeNotes()}>{(note) => <li>{says(note)}</li>}</For>
        </ul>
        <button type="button" class="link" onClick={() => setMergeNotes([])}>
          Dismiss
        </button>
      </div>
    </Show>
  );
}
