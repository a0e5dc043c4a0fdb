import { useNavigate } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { Field } from "../../components/Field.tsx";
import { FormError } from "../../components/FormError.tsx";
import { revealWhenAddressed } from "../../lib/anchor.ts";
import { FormInvalid } from "../../lib/field-errors.ts";
import { createForm } from "../../lib/form.ts";
import { rememberOrderKey } from "../orders/order-keys.ts";
import { placeGuestOrder } from "../orders/orders.ts";
import { AddressFields, emptyAddress, shippingAddressOf } from "./AddressFields.tsx";
import { clearCart } from "./cart.ts";

/**
 * Checkout without an account: an email to tell (a phone too, if the guest likes) and where the
 * order goes. The order's page opens with its key, which this browser keeps; the cart empties as
 * an account's does. One key per attempt, so a retried click cannot place a second order.
 */
export function GuestCheckoutForm(props: { items: { variantId: string; quantity: number }[] | undefined }) {
  const navigate = useNavigate();
  const [email, setEmail] = createSignal("");
  const [phone, setPhone] = createSignal("");
  const [address, setAddress] = createSignal(emptyAddress);
  const placing = createForm();
  const idempotencyKey = crypto.randomUUID();
  let form: HTMLFormElement | undefined;
  revealWhenAddressed(() => form);

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    void placing.run(async () => {
      const items = props.items;
      if (!items) throw new FormInvalid({}, "Choose each item's variant on its page before checking out.");
      const order = await placeGuestOrder(
        {
          email: email().trim(),
          ...(phone().trim() ? { phone: phone().trim() } : {}),
          shippingAddress: shippingAddressOf(address()),
          items,
        },
        idempotencyKey,
      );
      rememberOrderKey(order.id, order.key);
      await clearCart();
      navigate(`/orders/${order.id}?key=${order.key}`);
    });
  };

  return (
    <form ref={form} id="checkout" class="form checkout" onSubmit={submit} aria-labelledby="guest-checkout-title">
      <h2 id="guest-checkout-title">Check out as a guest</h2>
      <p class="muted">No account needed: with your email and the order number you can always find the order again.</p>
      <Field
        label="Email"
        name="email"
        type="email"
        autocomplete="email"
        value={email()}
        onInput={setEmail}
        error={placing.errors().email}
      />
      <Field
        label="Phone for order updates (optional)"
        name="contact-phone"
        type="tel"
        autocomplete="tel"
        required={false}
        value={phone()}
        onInput={setPhone}
        error={placing.errors().phone}
      />
      <AddressFields address={address()} onChange={setAddress} errors={placing.errors()} />
      <FormError error={placing.error()} />
      <Show when={props.items}>
        <button class="button" type="submit" disabled={placing.busy()}>
          Place order
        </button>
      </Show>
    </form>
  );
}
