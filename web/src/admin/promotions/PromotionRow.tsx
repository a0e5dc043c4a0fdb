import { A } from "@solidjs/router";
import { Show } from "solid-js";
import { createForm } from "../../lib/form.ts";
import { read } from "../../lib/http.ts";
import { formatMoney } from "../../lib/money.ts";
import { api } from "../../lib/session.ts";
import { showToast } from "../../lib/toast.ts";
import { NoticeToast } from "../components/Feedback.tsx";
import { describeAdminError } from "../lib/errors.ts";
import { describeAction, kindLabels, methodLabels, stateBadge, stateLabels, usageOf } from "./promotion-labels.ts";
import type { Promotion } from "./promotions.ts";

/** One promotion in the list: its state, what it does, its uses, and pause, resume or copy. */
export function PromotionRow(props: {
  promotion: Promotion;
  currency: string;
  onSaved: (saved: Promotion) => void;
  onCopied: (copy: Promotion) => void;
}) {
  const form = createForm();
  const p = () => props.promotion;
  const toggle = () =>
    form.run(async () => {
      const status = p().status === "active" ? "paused" : "active";
      const saved = await read(api.admin.promotions[":id"].$patch({ param: { id: p().id }, json: { status } }));
      props.onSaved(saved);
      return saved.status === "paused" ? `${saved.name} is paused.` : `${saved.name} is active again.`;
    });
  const duplicate = () =>
    form.run(async () => {
      const copy = await read(api.admin.promotions[":id"].duplicate.$post({ param: { id: p().id } }));
      props.onCopied(copy);
      showToast(`${copy.name} was made, paused.`, [{ label: "Edit the copy", href: `/admin/promotions/${copy.id}` }]);
    });
  return (
    <tr data-testid="promotion">
      <td data-label="Promotion">
        <A href={`/admin/promotions/${p().id}`}>{p().name}</A>
        <div class="muted">
          {methodLabels[p().method]}, on {kindLabels[p().kind].toLowerCase()}
          <Show when={p().method === "code"}>, {p().codeCount} codes</Show>
        </div>
      </td>
      <td data-label="State">
        <span class={stateBadge(p().state)}>{stateLabels[p().state]}</span>
      </td>
      <td data-label="Takes off">{describeAction(p().action, props.currency)}</td>
      <td data-label="Used" class="a-num">
        {usageOf(p())}
      </td>
      <td data-label="Discount given" class="a-num">
        {formatMoney(p().discountGiven, props.currency)}
      </td>
      <td data-label="Actions">
        <span class="a-row-actions">
          <button type="button" class="button secondary a-small" disabled={form.busy()} onClick={() => void toggle()}>
            {p().status === "active" ? "Pause" : "Resume"}
            <span class="visually-hidden"> {p().name}</span>
          </button>
          <button
            type="button"
            class="button secondary a-small"
            disabled={form.busy()}
            onClick={() => void duplicate()}
          >
            Duplicate<span class="visually-hidden"> {p().name}</span>
          </button>
        </span>
        <NoticeToast form={form} />
        <Show when={form.error()}>
          <span class="form-error" role="alert">
            {describeAdminError(form.error())}
          </span>
        </Show>
      </td>
    </tr>
  );
}
