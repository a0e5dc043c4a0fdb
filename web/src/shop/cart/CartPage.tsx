import { createSignal, Show } from "solid-js";
import { FormError } from "../../components/FormError.tsx";
import { ready, user } from "../../lib/session.ts";
import { AccountCart } from "./AccountCart.tsx";
import { GuestCart } from "./GuestCart.tsx";
import { MergeNotes } from "./MergeNotes.tsx";

/** The cart: the one kept in this browser before signing in, or the account's with checkout. */
export default function CartPage() {
  const [lineError, setLineError] = createSignal<unknown>();
  return (
    <section>
      <h1>Your cart</h1>
      <MergeNotes />
      <FormError error={lineError()} />
      <Show
        when={ready()}
        fallback={
          <p class="muted" role="status">
            Loading your cart…
          </p>
        }
      >
        <Show when={user()} fallback={<GuestCart onError={setLineError} />}>
          <AccountCart onLineError={setLineError} />
        </Show>
      </Show>
    </section>
  );
}
