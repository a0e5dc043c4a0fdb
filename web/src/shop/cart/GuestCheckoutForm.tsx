import { revalidate, useNavigate } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { Field } from "../../components/Field.tsx";
import { FormError } from "../../components/FormError.tsx";
import { revealWhenAddressed } from "../../lib/anchor.ts";
import { FormInvalid } from "../../lib/field-errors.ts";
import { createForm } from "../../lib/form.ts";
import { ApiError } from "../../lib/http.ts";
import { createAddressDraft } from "../checkout/address-draft.ts";
import { CheckoutSummary } from "../checkout/CheckoutSummary.tsx";
import { createQuote } from "../checkout/create-quote.ts";
import { getGuestQuote } from "../checkout/quote.ts";
import { ShippingChoice } from "../checkout/ShippingChoice.tsx";
import { rememberOrderKey } from "../orders/order-keys.ts";
import { placeGuestOrder } from "../orders/orders.ts";
import { GuestCodeField } from "../promotions/GuestCodeField.tsx";
import { AddressFields, shippingAddressOf } from "./AddressFields.tsx";
import { clearCart } from "./cart.ts";

/**
 * Checkout without an account: an email to tell (a phone too, if the guest likes) and where the
 * order goes. The order's page opens with its key, which this browser keeps; the cart empties as
 * an account's does. One key per attempt, so a retried click cannot place a second order.
 */
export function GuestCheckoutForm(props: {
  items: { variantId: string; quantity: number }[] | undefined;
  currency: string;
}) {
  const navigate = useNavigate();
  const [email, setEmail] = createSignal("");
  const [phone, setPhone] = createSignal("");
  const [address, setAddress] = createAddressDraft();
  const [code, setCode] = createSignal("");
  // Quoted only once every line is a variant; until then there is nothing to price.
  const quote = createQuote(
    async (ask) => {
      const items = props.items;
      if (!items) throw new FormInvalid({}, "Choose each item's variant on its page before checking out.");
      return getGuestQuote(items, ask);
    },
    address,
    () => (code() ? { couponCode: code() } : {}),
  );
  // A code that does not apply is left out of the order rather than refused there: the quote said why.
  const codeApplies = () => !!code() && quote.quote()?.code?.applied === true;
  const placing = createForm();
  const idempotencyKey = crypto.randomUUID();
  let form: HTMLFormElement | undefined;
  revealWhenAddressed(() => form);

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    void placing.run(async () => {
      const items = props.items;
      if (!items) throw new FormInvalid({}, "Choose each item's variant on its page before checking out.");
      const priced = quote.quote();
      const order = await placeGuestOrder(
        {
          email: email().trim(),
          ...(phone().trim() ? { phone: phone().trim() } : {}),
          shippingAddress: shippingAddressOf(address()),
          shippingMethodId: priced?.method?.id,
          expectedTotal: priced?.summary.total,
          items,
          ...(codeApplies() ? { promotionCode: code() } : {}),
        },
        idempotencyKey,
      ).catch((failure: unknown) => {
        // A price or rate changed since the summary: show the new one before anything is placed.
        if (failure instanceof ApiError && failure.code === "quote_changed") void revalidate(getGuestQuote.key);
        throw failure;
      });
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
      <GuestCodeField applied={code()} onApply={setCode} state={quote.quote()?.code} />
      <ShippingChoice quote={quote} currency={props.currency} />
      <Show when={quote.quote()}>
        {(priced) => (
          <CheckoutSummary quote={priced()} current={quote.current()} estimate={!address().postalCode.trim()} />
        )}
      </Show>
      <FormError error={placing.error()} />
      <Show when={props.items}>
        <button class="button" type="submit" disabled={placing.busy() || !(quote.current() && quote.quote()?.method)}>
          Place order
        </button>
      </Show>
    </form>
  );
}
