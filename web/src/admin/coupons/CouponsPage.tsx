import { createSignal, For, Show } from "solid-js";
import { createStore } from "solid-js/store";
import { read } from "../../lib/http.ts";
import { formatMoney } from "../../lib/money.ts";
import { api } from "../../lib/session.ts";
import { FormStatus } from "../components/Feedback.tsx";
import { CheckboxField, InputField, MoneyField, SelectField } from "../components/Fields.tsx";
import { ForById } from "../components/ForById.tsx";
import { Failure, ListState, Loading } from "../components/State.tsx";
import { shopCurrency } from "../lib/currency.ts";
import { createLoader, createPaged } from "../lib/data.ts";
import { createChecks, createForm } from "../lib/form.ts";
import { toAmount } from "../lib/money.ts";
import { formatDateTime } from "../lib/orders.ts";
import { pageTitle } from "../lib/role.ts";
import type { Coupon, Customer, Grant, GrantView } from "../lib/types.ts";
import { DurationField, type DurationValue } from "./DurationField.tsx";
import { describeDuration, fromIsoDuration, toIsoDuration } from "./duration.ts";

interface Terms {
  title: string;
  kind: "percent" | "fixed";
  percent: string;
  amount: string;
  validFor: DurationValue;
  usageLimit: string;
  perUserLimit: string;
  minSubtotal: string;
  maxDiscount: string;
  active: boolean;
}

const durationOf = (iso: string): DurationValue => {
  const parsed = fromIsoDuration(iso);
  return parsed
    ? { amount: String(parsed.amount), unit: parsed.unit, custom: iso }
    : { amount: "", unit: "custom", custom: iso };
};

const termsOf = (coupon: Coupon | null, currency: string): Terms => ({
  title: coupon?.title ?? "",
  kind: coupon?.kind ?? "percent",
  percent: coupon?.kind === "percent" ? String(coupon.value) : "",
  amount: coupon?.kind === "fixed" ? toAmount(coupon.value, currency) : "",
  validFor: coupon ? durationOf(coupon.validFor) : { amount: "7", unit: "days", custom: "" },
  usageLimit: coupon?.usageLimit ? String(coupon.usageLimit) : "",
  perUserLimit: String(coupon?.perUserLimit ?? 1),
  minSubtotal: coupon && coupon.minSubtotal > 0 ? toAmount(coupon.minSubtotal, currency) : "",
  maxDiscount:
    coupon?.maxDiscount !== null && coupon?.maxDiscount !== undefined ? toAmount(coupon.maxDiscount, currency) : "",
  active: coupon?.active ?? true,
});

const describeValue = (coupon: Coupon, currency: string) =>
  coupon.kind === "percent" ? `${coupon.value} % off` : `${formatMoney(coupon.value, currency)} off`;

/** Every term of a coupon: used to create one and to change one. */
function CouponForm(props: {
  coupon: Coupon | null;
  currency: string;
  onSaved: (coupon: Coupon) => void;
  onCancel?: () => void;
}) {
  const [terms, setTerms] = createStore<Terms>(termsOf(props.coupon, props.currency));
  const form = createForm();
  const err = (path: string) => form.errors()[path];

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    void form.run(async () => {
      const check = createChecks(props.currency);
      const title = check.text("title", terms.title, "A title");
      const value =
        terms.kind === "percent" ? check.count("value", terms.percent, 1) : check.money("value", terms.amount);
      if (terms.kind === "percent" && value > 100) check.fail("value", "A percent coupon is at most 100 % off.");
      if (terms.kind === "fixed" && value <= 0) check.fail("value", "Enter an amount above zero.");
      let validFor = terms.validFor.custom.trim();
      if (terms.validFor.unit !== "custom") {
        const amount = Number(terms.validFor.amount);
        if (!Number.isSafeInteger(amount) || amount < 1) check.fail("validFor", "Enter how long, at least 1.");
        else validFor = toIsoDuration(amount, terms.validFor.unit);
      } else if (!validFor) check.fail("validFor", "Enter an ISO 8601 duration such as P7D.");
      const body = {
        title,
        kind: terms.kind,
        value,
        validFor,
        usageLimit: check.optionalCount("usageLimit", terms.usageLimit, 1),
        perUserLimit: check.count("perUserLimit", terms.perUserLimit, 1),
        minSubtotal: terms.minSubtotal.trim() === "" ? 0 : check.money("minSubtotal", terms.minSubtotal),
        maxDiscount: terms.kind === "percent" ? check.optionalMoney("maxDiscount", terms.maxDiscount) : null,
        active: terms.active,
      };
      check.done();
      const saved = props.coupon
        ? await read(api.admin.coupons[":id"].$patch({ param: { id: props.coupon.id }, json: body }))
        : await read(api.admin.coupons.$post({ json: body }));
      props.onSaved(saved);
      if (!props.coupon) setTerms(termsOf(null, props.currency));
      return props.coupon ? "Saved. Grants already made keep their expiry." : `${saved.title} was created.`;
    });
  };

  return (
    <form
      class="a-form"
      onSubmit={submit}
      aria-label={props.coupon ? `Edit ${props.coupon.title}` : "New coupon"}
      novalidate
    >
      <InputField
        label="Title"
        value={terms.title}
        onInput={(v) => setTerms("title", v)}
        error={err("title")}
        maxLength={80}
      />
      <SelectField
        label="Kind"
        value={terms.kind}
        onChange={(v) => setTerms("kind", v as Terms["kind"])}
        choices={[
          { value: "percent", label: "Percent off the subtotal" },
          { value: "fixed", label: "Fixed amount off" },
        ]}
        error={err("kind")}
      />
      <Show
        when={terms.kind === "percent"}
        fallback={
          <MoneyField
            label="Amount off"
            currency={props.currency}
            value={terms.amount}
            onInput={(v) => setTerms("amount", v)}
            error={err("value")}
          />
        }
      >
        <InputField
          label="Percent off"
          type="number"
          min="1"
          max="100"
          inputmode="numeric"
          value={terms.percent}
          onInput={(v) => setTerms("percent", v)}
          error={err("value")}
        />
      </Show>
      <DurationField
        legend="Valid for"
        value={terms.validFor}
        onChange={(v) => setTerms("validFor", v)}
        error={err("validFor")}
        hint="Counted from when a customer is granted the coupon."
      />
      <InputField
        label="Uses in total"
        type="number"
        min="1"
        inputmode="numeric"
        value={terms.usageLimit}
        onInput={(v) => setTerms("usageLimit", v)}
        error={err("usageLimit")}
        hint="Empty for no limit."
        optional
      />
      <InputField
        label="Uses per customer"
        type="number"
        min="1"
        inputmode="numeric"
        value={terms.perUserLimit}
        onInput={(v) => setTerms("perUserLimit", v)}
        error={err("perUserLimit")}
      />
      <MoneyField
        label="Minimum subtotal"
        currency={props.currency}
        value={terms.minSubtotal}
        onInput={(v) => setTerms("minSubtotal", v)}
        error={err("minSubtotal")}
        optional
      />
      <Show when={terms.kind === "percent"}>
        <MoneyField
          label="Largest discount"
          currency={props.currency}
          value={terms.maxDiscount}
          onInput={(v) => setTerms("maxDiscount", v)}
          error={err("maxDiscount")}
          hint="Empty for no cap."
          optional
        />
      </Show>
      <div class="a-span">
        <CheckboxField
          label="Active (can be granted and used)"
          checked={terms.active}
          onChange={(v) => setTerms("active", v)}
        />
      </div>
      <div class="a-span a-actions">
        <button type="submit" class="button" disabled={form.busy()}>
          {props.coupon ? "Save coupon" : "Create coupon"}
        </button>
        <Show when={props.onCancel}>
          <button type="button" class="button secondary" onClick={() => props.onCancel?.()}>
            Close
          </button>
        </Show>
      </div>
      <div class="a-span">
        <FormStatus form={form} />
      </div>
    </form>
  );
}

/** Gives a customer a code of their own for this coupon, found with the customer search. */
function GrantForm(props: { coupon: Coupon; onGranted: () => void }) {
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

/** Who holds the coupon: every grant with its own expiry and how often it was used. */
function Grants(props: { coupon: Coupon; version: number }) {
  const list = createPaged<GrantView>(
    (cursor) =>
      read(
        api.admin.coupons[":id"].grants.$get({
          param: { id: props.coupon.id },
          query: cursor ? { limit: "10", cursor } : { limit: "10" },
        }),
      ),
    () => props.version,
  );
  const now = Date.now();
  return (
    <section class="a-panel" aria-label={`Grants of ${props.coupon.title}`}>
      <h3>Granted to</h3>
      <ListState list={list} what="the grants" empty={<p>Nobody holds this coupon yet.</p>}>
        {(items) => (
          <table class="a-table" data-testid="grants">
            <thead>
              <tr>
                <th scope="col">Customer</th>
                <th scope="col">Code</th>
                <th scope="col">Granted</th>
                <th scope="col">Valid until</th>
                <th scope="col" class="a-num">
                  Uses
                </th>
              </tr>
            </thead>
            <tbody>
              <For each={items()}>
                {(grant) => (
                  <tr>
                    <td data-label="Customer" class="a-break">
                      {grant.username}
                    </td>
                    <td data-label="Code">
                      <code>{grant.code}</code>
                    </td>
                    <td data-label="Granted">{formatDateTime(grant.grantedAt)}</td>
                    <td data-label="Valid until">
                      {formatDateTime(grant.expiresAt)}
                      <Show when={Date.parse(grant.expiresAt) < now}>
                        {" "}
                        <span class="badge out">expired</span>
                      </Show>
                    </td>
                    <td data-label="Uses" class="a-num">
                      {grant.uses} of {props.coupon.perUserLimit}
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        )}
      </ListState>
    </section>
  );
}

function CouponCard(props: { coupon: Coupon; currency: string; onSaved: (coupon: Coupon) => void }) {
  const [editing, setEditing] = createSignal(false);
  const [granting, setGranting] = createSignal(false);
  const [showGrants, setShowGrants] = createSignal(false);
  const [grantsVersion, setGrantsVersion] = createSignal(0);
  const toggle = createForm();
  const c = () => props.coupon;
  const flip = () =>
    toggle.run(async () => {
      const saved = await read(
        api.admin.coupons[":id"].$patch({ param: { id: c().id }, json: { active: !c().active } }),
      );
      props.onSaved(saved);
      return saved.active ? "Activated." : "Deactivated: it can no longer be granted or used.";
    });
  return (
    <li class="a-card" data-testid="coupon" classList={{ "a-inactive": !c().active }}>
      <div class="a-card-head">
        <h2>{c().title}</h2>
        <span class={c().active ? "badge" : "badge out"}>{c().active ? "Active" : "Inactive"}</span>
      </div>
      <dl class="a-terms">
        <div>
          <dt>Discount</dt>
          <dd>
            {describeValue(c(), props.currency)}
            <Show when={c().kind === "percent" && c().maxDiscount !== null}>
              , at most {formatMoney(c().maxDiscount ?? 0, props.currency)}
            </Show>
          </dd>
        </div>
        <div>
          <dt>Valid for</dt>
          <dd data-testid="coupon-validity">{describeDuration(c().validFor)} after granting</dd>
        </div>
        <div>
          <dt>Used</dt>
          <dd>
            {c().usedCount}
            {c().usageLimit === null ? " (no limit)" : ` of ${c().usageLimit}`}
          </dd>
        </div>
        <div>
          <dt>Per customer</dt>
          <dd>{c().perUserLimit}</dd>
        </div>
        <div>
          <dt>Minimum subtotal</dt>
          <dd>{c().minSubtotal > 0 ? formatMoney(c().minSubtotal, props.currency) : "None"}</dd>
        </div>
        <div>
          <dt>Created</dt>
          <dd>{formatDateTime(c().createdAt)}</dd>
        </div>
      </dl>
      <div class="a-actions">
        <button
          type="button"
          class="button secondary a-small"
          aria-expanded={editing()}
          onClick={() => setEditing(!editing())}
        >
          {editing() ? "Close editor" : "Edit terms"}
          <span class="visually-hidden"> of {c().title}</span>
        </button>
        <button type="button" class="button secondary a-small" disabled={toggle.busy()} onClick={() => void flip()}>
          {c().active ? "Deactivate" : "Activate"}
          <span class="visually-hidden"> {c().title}</span>
        </button>
        <button
          type="button"
          class="button secondary a-small"
          aria-expanded={granting()}
          onClick={() => setGranting(!granting())}
        >
          {granting() ? "Close the grant form" : "Grant to a customer"}
          <span class="visually-hidden"> ({c().title})</span>
        </button>
        <button
          type="button"
          class="button secondary a-small"
          aria-expanded={showGrants()}
          onClick={() => setShowGrants(!showGrants())}
        >
          {showGrants() ? "Hide the grants" : "Who has it"}
          <span class="visually-hidden"> ({c().title})</span>
        </button>
      </div>
      <FormStatus form={toggle} />
      <Show when={editing()}>
        <CouponForm coupon={c()} currency={props.currency} onSaved={props.onSaved} onCancel={() => setEditing(false)} />
      </Show>
      <Show when={granting()}>
        <Show when={c().active} fallback={<p class="muted">Activate the coupon before granting it.</p>}>
          <GrantForm coupon={c()} onGranted={() => setGrantsVersion((v) => v + 1)} />
        </Show>
      </Show>
      <Show when={showGrants()}>
        <Grants coupon={c()} version={grantsVersion()} />
      </Show>
    </li>
  );
}

export default function CouponsPage() {
  pageTitle("Coupons");
  const currency = createLoader(shopCurrency);
  const [creating, setCreating] = createSignal(false);
  const list = createPaged<Coupon>((cursor) =>
    read(api.admin.coupons.$get({ query: cursor ? { limit: "20", cursor } : { limit: "20" } })),
  );
  const replace = (saved: Coupon) => list.update((items) => items.map((c) => (c.id === saved.id ? saved : c)));
  const added = (created: Coupon) => list.update((items) => [created, ...items.filter((c) => c.id !== created.id)]);

  return (
    <section>
      <div class="a-title">
        <h1>Coupons</h1>
        <span class="a-spacer" />
        <button type="button" class="button" aria-expanded={creating()} onClick={() => setCreating(!creating())}>
          {creating() ? "Close the new coupon" : "New coupon"}
        </button>
      </div>
      <Show
        when={!currency.error()}
        fallback={<Failure error={currency.error()} what="the coupons" retry={currency.reload} />}
      >
        <Show when={currency.value()} fallback={<Loading what="coupons" />}>
          {(code) => (
            <>
              <Show when={creating()}>
                <section class="a-panel" aria-labelledby="new-coupon">
                  <h2 id="new-coupon">New coupon</h2>
                  <CouponForm coupon={null} currency={code()} onSaved={added} onCancel={() => setCreating(false)} />
                </section>
              </Show>
              <ListState list={list} what="coupons" empty={<p>No coupons yet: create the first one.</p>}>
                {(items) => (
                  <ul class="a-cards" data-testid="coupons">
                    <ForById each={items()}>
                      {(coupon) => <CouponCard coupon={coupon()} currency={code()} onSaved={replace} />}
                    </ForById>
                  </ul>
                )}
              </ListState>
            </>
          )}
        </Show>
      </Show>
    </section>
  );
}
