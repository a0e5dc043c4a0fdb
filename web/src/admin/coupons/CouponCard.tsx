import { createSignal, Show } from "solid-js";
import { createForm } from "../../lib/form.ts";
import { read } from "../../lib/http.ts";
import { formatMoney } from "../../lib/money.ts";
import { api } from "../../lib/session.ts";
import { FormStatus } from "../components/Feedback.tsx";
import { formatDateTime } from "../lib/orders.ts";
import type { Coupon } from "../lib/types.ts";
import { CouponForm } from "./CouponForm.tsx";
import { CouponGrants } from "./CouponGrants.tsx";
import { describeValue } from "./coupon-terms.ts";
import { describeDuration } from "./duration.ts";
import { GrantForm } from "./GrantForm.tsx";

export function CouponCard(props: { coupon: Coupon; currency: string; onSaved: (coupon: Coupon) => void }) {
  const [editing, setEditing] = createSignal(false);
  const [granting, setGranting] = createSignal(false);
  const [showGrants, setShowGrants] = createSignal(false);
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
          <GrantForm coupon={c()} />
        </Show>
      </Show>
      <Show when={showGrants()}>
        <CouponGrants coupon={c()} />
      </Show>
    </li>
  );
}
