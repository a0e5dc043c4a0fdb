import { A } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { Field } from "../../components/Field.tsx";
import { FormError } from "../../components/FormError.tsx";
import { FormInvalid } from "../../lib/field-errors.ts";
import { createForm } from "../../lib/form.ts";
import { requestOrderLink } from "./orders.ts";

/**
 * An order placed as a guest, found again by its email and number: its link goes to that email
 * (the page says the same whether or not such an order exists).
 */
export default function FindOrderPage() {
  const [email, setEmail] = createSignal("");
  const [number, setNumber] = createSignal("");
  const form = createForm();
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    void form.run(async () => {
      const digits = number().trim().replace(/^#/, "");
      if (!/^\d{1,9}$/.test(digits)) throw new FormInvalid({ number: "Enter the order's number, such as 1042." });
      await requestOrderLink(email().trim(), Number(digits));
      return `If an order #${digits} was placed with ${email().trim()}, its link is on its way there.`;
    });
  };
  return (
    <section class="narrow">
      <h1>Find an order</h1>
      <p class="muted">
        Placed an order without an account? Enter the email you gave and the order's number: we send its link to that
        email.
      </p>
      <form class="form" onSubmit={submit} aria-label="Find an order">
        <Field
          label="Email"
          name="email"
          type="email"
          autocomplete="email"
          value={email()}
          onInput={setEmail}
          error={form.errors().email}
        />
        <Field
          label="Order number"
          name="number"
          inputmode="numeric"
          value={number()}
          onInput={setNumber}
          error={form.errors().number}
        />
        <FormError error={form.error()} />
        <Show when={form.notice()}>
          <p role="status" data-testid="order-link-sent">
            {form.notice()}
          </p>
        </Show>
        <button class="button" type="submit" disabled={form.busy()}>
          Send me the link
        </button>
      </form>
      <p class="muted">
        Have an account? <A href="/orders">Your orders</A> are all there.
      </p>
    </section>
  );
}
