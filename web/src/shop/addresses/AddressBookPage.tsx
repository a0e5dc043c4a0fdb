import { A, createAsync } from "@solidjs/router";
import { createSignal, For, Show } from "solid-js";
import { FormError } from "../../components/FormError.tsx";
import { Reading } from "../../components/Reading.tsx";
import { createForm } from "../../lib/form.ts";
import { user } from "../../lib/session.ts";
import { showToast } from "../../lib/toast.ts";
import { shippingAddressOf } from "../cart/AddressFields.tsx";
import { AddressEditor } from "./AddressEditor.tsx";
import { addressLine, draftOf, getMyAddresses, removeAddress, replaceAddress, type SavedAddress } from "./addresses.ts";

/** One saved address: where it is, whether it is a default, and what can be done with it. */
function AddressCard(props: { address: SavedAddress; onEdit: () => void }) {
  const acting = createForm({ refresh: ["addresses"] });
  const a = () => props.address;
  const makeDefault = () =>
    acting.run(async () => {
      await replaceAddress(a().id, {
        ...shippingAddressOf(draftOf(a())),
        isDefaultShipping: true,
      });
      showToast("Orders ship here by default now.");
    });
  const remove = () =>
    acting.run(async () => {
      await removeAddress(a().id);
      showToast("Address removed.");
    });
  return (
    <li class="cart-line address-card" data-testid="saved-address">
      <span class="line-name">
        {addressLine(a())}
        <Show when={a().isDefaultShipping || a().isDefaultBilling}>
          <small class="muted">
            {[a().isDefaultShipping && "Default for shipping", a().isDefaultBilling && "Default for billing"]
              .filter(Boolean)
              .join(" · ")}
          </small>
        </Show>
      </span>
      <span class="line-actions">
        <Show when={!a().isDefaultShipping}>
          <button type="button" class="button secondary" disabled={acting.busy()} onClick={makeDefault}>
            Ship here by default
          </button>
        </Show>
        <button type="button" class="button secondary" onClick={props.onEdit}>
          Change<span class="visually-hidden"> {a().name}</span>
        </button>
        <button type="button" class="button secondary" disabled={acting.busy()} onClick={remove}>
          Remove<span class="visually-hidden"> {a().name}</span>
        </button>
      </span>
      <FormError error={acting.error()} />
    </li>
  );
}

/** My address book: the addresses checkout offers, my default first; add, change, remove. */
export default function AddressBookPage() {
  const account = () => user()?.id ?? "";
  const book = createAsync(() => getMyAddresses(account()));
  const [editing, setEditing] = createSignal<string>();
  // A fresh form after each address added.
  const [added, setAdded] = createSignal(1);
  return (
    <section class="narrow wide">
      <p>
        <A href="/account">Your account</A>
      </p>
      <h1>Your addresses</h1>
      <Reading keys={getMyAddresses.keyFor(account())} what="Your addresses" loading="Loading your addresses…">
        <Show when={(book() ?? []).length > 0} fallback={<p class="muted">No address saved yet.</p>}>
          <ul class="cart-lines">
            <For each={book()}>
              {(address) => (
                <Show
                  when={editing() === address.id}
                  fallback={<AddressCard address={address} onEdit={() => setEditing(address.id)} />}
                >
                  <li class="cart-line">
                    <AddressEditor address={address} onSaved={() => setEditing()} onCancel={() => setEditing()} />
                  </li>
                </Show>
              )}
            </For>
          </ul>
        </Show>
      </Reading>
      <h2>Add an address</h2>
      <Show when={added()} keyed>
        {(_round) => <AddressEditor onSaved={() => setAdded(added() + 1)} />}
      </Show>
    </section>
  );
}
