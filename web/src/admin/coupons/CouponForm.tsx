import { Show } from "solid-js";
import { createStore } from "solid-js/store";
import { createForm } from "../../lib/form.ts";
import { read } from "../../lib/http.ts";
import { api } from "../../lib/session.ts";
import { FormStatus } from "../components/Feedback.tsx";
import { CheckboxField, InputField, MoneyField, SelectField } from "../components/Fields.tsx";
import type { Coupon } from "../lib/types.ts";
import { couponBody, type Terms, termsOf } from "./coupon-terms.ts";
import { DurationField } from "./DurationField.tsx";

/** Every term of a coupon: used to create one and to change one. */
export function CouponForm(props: {
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
      const body = couponBody(terms, props.currency);
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
