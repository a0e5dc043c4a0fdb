import { createSignal, For, Show } from "solid-js";
import { read } from "../../lib/http.ts";
import { api } from "../../lib/session.ts";
import { FormStatus } from "../components/Feedback.tsx";
import { InputField } from "../components/Fields.tsx";
import { createChecks, createForm } from "../lib/form.ts";
import { formatDateTime } from "../lib/orders.ts";
import type { Coupon, Customer, Grant } from "../lib/types.ts";

/** Gives a customer a code of their own for this coupon, found with the customer search. */
export function GrantForm(props: { coupon: Coupon; onGranted: () => void }) {
  const [q, setQ] = createSignal("");
  const [found, setFound] = createSignal<Customer[] | null>(null);
  const [granted, setGranted] = createSignal<(Grant & { username: string }) | null>(null);
  const search = createForm();
  const grant = createForm();
  const find = (event: SubmitEvent) => {
    event.preventDefault();
    void search.run(async () => {
      const check = createChecks();
      const text = check.text("q", q(), "A name, email or phone");
      check.done();
      setFound((await read(api.admin.customers.$get({ query: { q: text, limit: "5" } }))).items);
    });
  };
  const give = (customer: Customer) =>
    grant.run(async () => {
      const result = await read(
        api.admin.coupons[":id"].grants.$post({ param: { id: props.coupon.id }, json: { userId: customer.id } }),
      );
      setGranted({ ...result, username: customer.username });
      props.onGranted();
    });
  return (
    <div>
      <form class="a-inline-form" onSubmit={find} aria-label={`Find a customer for ${props.coupon.title}`}>
        <InputField
          label="Customer's email, phone or name"
          type="search"
          value={q()}
          onInput={setQ}
          error={search.errors().q}
        />
        <button type="submit" class="button secondary" disabled={search.busy()}>
          Find
        </button>
      </form>
      <FormStatus form={search} />
      <Show when={found()}>
        {(customers) => (
          <Show when={customers().length > 0} fallback={<p class="muted">No customer matches.</p>}>
            <ul class="a-feed">
              <For each={customers()}>
                {(customer) => (
                  <li>
                    <span class="a-break">{customer.username}</span>
                    <Show when={customer.displayName}>
                      <span class="muted">{customer.displayName}</span>
                    </Show>
                    <button
                      type="button"
                      class="button a-small"
                      disabled={grant.busy()}
                      onClick={() => void give(customer)}
                    >
                      Grant<span class="visually-hidden"> to {customer.username}</span>
                    </button>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        )}
      </Show>
      <FormStatus form={grant} />
      <Show when={granted()}>
        {(g) => (
          <p class="a-result" role="status" data-testid="grant-result">
            Granted to {g().username}: code <code>{g().code}</code>, valid until {formatDateTime(g().expiresAt)}.
          </p>
        )}
      </Show>
    </div>
  );
}
