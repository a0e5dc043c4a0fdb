import { createSignal } from "solid-js";
import { FormError } from "../../components/FormError.tsx";
import { focusFirstInvalid } from "../../lib/focus-error.ts";
import { createForm } from "../../lib/form.ts";
import { showToast } from "../../lib/toast.ts";
import { AddressFields, emptyAddress, shippingAddressOf } from "../cart/AddressFields.tsx";
import { addAddress, draftOf, replaceAddress, type SavedAddress } from "./addresses.ts";

/** Adds an address to my book, or changes one; each field says what the shop found wrong with it. */
export function AddressEditor(props: { address?: SavedAddress; onSaved: () => void; onCancel?: () => void }) {
  const [draft, setDraft] = createSignal(props.address ? draftOf(props.address) : { ...emptyAddress });
  const [asDefault, setAsDefault] = createSignal(false);
  const saving = createForm({ refresh: ["addresses"] });
  let form: HTMLFormElement | undefined;
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    void saving
      .run(async () => {
        const body = { ...shippingAddressOf(draft()), ...(asDefault() ? { isDefaultShipping: true } : {}) };
        await (props.address ? replaceAddress(props.address.id, body) : addAddress(body));
        showToast(props.address ? "Address saved." : "Address added to your book.");
        props.onSaved();
      })
      .then(() => {
        if (saving.error()) focusFirstInvalid(form);
      });
  };
  return (
    <form
      ref={form}
      class="form"
      onSubmit={submit}
      aria-label={props.address ? "Change the address" : "Add an address"}
    >
      <AddressFields address={draft()} onChange={setDraft} errors={saving.errors()} errorPrefix="" />
      <label class="checkbox">
        <input type="checkbox" checked={asDefault()} onChange={(e) => setAsDefault(e.currentTarget.checked)} />
        Ship here by default
      </label>
      <FormError error={saving.error()} />
      <div class="actions">
        <button class="button" type="submit" disabled={saving.busy()}>
          {props.address ? "Save address" : "Add address"}
        </button>
        {props.onCancel && (
          <button class="button secondary" type="button" onClick={props.onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
