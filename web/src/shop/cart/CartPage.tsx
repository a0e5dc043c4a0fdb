import { Show } from "solid-js";
import { FormError } from "../../components/FormError.tsx";
import { createForm } from "../../lib/form.ts";
import { ready, user } from "../../lib/session.ts";
import { AccountCart } from "./AccountCart.tsx";
import { GuestCart } from "./GuestCart.tsx";
import { MergeNotes } from "./MergeNotes.tsx";

/** The cart: the one kept in this browser before signing in, or the account's with checkout. */
export default function CartPage() {
  // Every change to a line (and clearing) is one write at a time, its failure said above the cart.
  const lines = createForm();
  return (
    <section>
      <h1>Your cart</h1>
      <MergeNotes />
      <FormError error={lines.error()} />
      <Show
        when={ready()}
        fallback={
          <p class="muted" role="status">
            Loading your cart…
          </p>
        }
      >
        <Show when={user()?.id} keyed fallback={<GuestCart lines={lines} />}>
          {(account) => <AccountCart account={account} lines={lines} />}
        </Show>
      </Show>
    </section>
  );
}
