import { createSignal, For, Show } from "solid-js";
import { read } from "../../lib/http.ts";
import { formatMoney } from "../../lib/money.ts";
import { api } from "../../lib/session.ts";
import { FormStatus } from "../components/Feedback.tsx";
import { ListState } from "../components/State.tsx";
import { createPaged } from "../lib/data.ts";
import { createForm } from "../lib/form.ts";
import { formatDateTime } from "../lib/orders.ts";
import type { Coupon, GrantView } from "../lib/types.ts";
import { CouponForm } from "./CouponForm.tsx";
import { describeValue } from "./coupon-terms.ts";
import { describeDuration } from "./duration.ts";
import { GrantForm } from "./GrantForm.tsx";

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

export function CouponCard(props: { coupon: Coupon; currency: string; onSaved: (coupon: Coupon) => void }) {
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
