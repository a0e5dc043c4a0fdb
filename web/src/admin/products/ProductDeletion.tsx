import { Show } from "solid-js";
import { ConfirmButton, NoticeToast } from "../components/Feedback.tsx";
import { describeAdminError, isConflict } from "../lib/errors.ts";
import type { ProductEditor } from "./product-editor.ts";

/** Deleting a product, or deactivating it when orders refer to it. */
export function ProductDeletion(props: { editor: ProductEditor }) {
  const e = props.editor;
  return (
    <section class="a-editor-section" aria-labelledby="delete-heading">
      <h2 id="delete-heading">Delete</h2>
      <p class="muted">A product that orders refer to cannot be deleted; deactivate it instead.</p>
      <div class="a-actions">
        <ConfirmButton
          label="Delete product"
          question="Delete this product for good?"
          confirmLabel="Delete"
          danger
          disabled={e.removal.busy()}
          onConfirm={e.remove}
        />
        <Show when={e.blocked() && e.product()?.active}>
          <button type="button" class="button" disabled={e.removal.busy()} onClick={() => void e.deactivate()}>
            Deactivate instead
          </button>
        </Show>
      </div>
      <Show when={e.removal.error()}>
        <p class="form-error" role="alert">
          {isConflict(e.removal.error())
            ? "Orders refer to this product, so it cannot be deleted. Deactivate it to take it off the shop."
            : describeAdminError(e.removal.error())}
        </p>
      </Show>
      <NoticeToast form={e.removal} />
    </section>
  );
}
