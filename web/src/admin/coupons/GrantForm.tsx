import { createAsync, revalidate } from "@solidjs/router";
import { createSignal, For, Show } from "solid-js";
import { createForm } from "../../lib/form.ts";
import { read } from "../../lib/http.ts";
import { api } from "../../lib/session.ts";
import { FormStatus } from "../components/Feedback.tsx";
import { InputField } from "../components/Fields.tsx";
import { Async } from "../components/State.tsx";
import { createChecks } from "../lib/checks.ts";
import { formatDateTime } from "../lib/orders.ts";
import type { Coupon, Customer, Grant } from "../lib/types.ts";
import { getCouponGrantsPage, getGrantCandidates } from "./coupons.ts";

/** The customers a search found, each with a button that grants them the coupon. */
function Candidates(props: { q: string; busy: boolean; onGrant: (customer: Customer) => void }) {
  const found = createAsync(() => getGrantCandidates(props.q));
  return (
    <Async value={found} keys={getGrantCandidates.key} what="the customers">
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
                    disabled={props.busy}
                    onClick={() => props.onGrant(customer)}
                  >
                    Grant<span class="visually-hidden"> to {customer.username}</span>
                  </button>
                </li>
              )}
            </For>
          </ul>
        </Show>
      )}
    </Async>
  );
}

/** Gives a customer a code of their own for this coupon, found with the customer search. */
export function GrantForm(props: { coupon: Coupon }) {
  const [q, setQ] = createSignal("");
  /** The search asked for (checked), which the candidates are read for. */
  const [asked, setAsked] = createSignal<string>();
  const [granted, setGranted] = createSignal<(Grant & { username: string }) | null>(null);
  const search = createForm();
  // The coupon's list of grants, if it was read, is read again with the new one.
  const grant = createForm({ refresh: [getCouponGrantsPage.keyFor(props.coupon.id)] });
  const find = (event: SubmitEvent) => {
    event.preventDefault();
    void search.run(async () => {
      const check = createChecks();
      const text = check.text("q", q(), "A name, email or phone");
      check.done();
      // Find again with the same words reads again: a customer may have signed up since.
      if (text === asked()) await revalidate(getGrantCandidates.keyFor(text));
      else setAsked(text);
    });
  };
  const give = (customer: Customer) =>
    grant.run(async () => {
      const result = await read(
        api.admin.coupons[":id"].grants.$post({ param: { id: props.coupon.id }, json: { userId: customer.id } }),
      );
      setGranted({ ...result, username: customer.username });
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
      <Show when={asked()}>
        {(text) => <Candidates q={text()} busy={grant.busy()} onGrant={(customer) => void give(customer)} />}
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
