import { createStore } from "solid-js/store";
import { createForm } from "../../lib/form.ts";
import { FormStatus } from "../components/Feedback.tsx";
import { InputField, MoneyField } from "../components/Fields.tsx";
import { createChecks } from "../lib/checks.ts";
import { getPriceSchedulesPage, schedulePriceChange } from "./price-schedules.ts";
import { emptyScheduleDraft, type ScheduleDraft, scheduleBody } from "./schedule-draft.ts";

/** A change of price to come: its price, compare-at price, discount and start. */
export function PriceScheduleForm(props: { variantId: string; title: string; currency: string }) {
  const [draft, setDraft] = createStore<ScheduleDraft>(emptyScheduleDraft());
  const form = createForm({ refresh: [getPriceSchedulesPage.keyFor(props.variantId)] });
  const set = (field: keyof ScheduleDraft) => (value: string) => setDraft(field, value);
  const err = (field: string) => form.errors()[field];
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    void form.run(async () => {
      await schedulePriceChange(props.variantId, scheduleBody(createChecks(props.currency), draft));
      setDraft(emptyScheduleDraft());
      return `Price change of ${props.title} scheduled.`;
    });
  };
  return (
    <form class="a-inline-form" onSubmit={submit} aria-label={`Schedule a price change of ${props.title}`}>
      <MoneyField
        label="Price"
        currency={props.currency}
        value={draft.price}
        onInput={set("price")}
        error={err("price")}
      />
      <MoneyField
        label="Discount"
        optional
        currency={props.currency}
        value={draft.discount}
        onInput={set("discount")}
        error={err("discount")}
      />
      <MoneyField
        label="Compare-at price"
        optional
        hint="Shown struck through"
        currency={props.currency}
        value={draft.oldPrice}
        onInput={set("oldPrice")}
        error={err("oldPrice")}
      />
      <InputField
        label="Starts"
        type="datetime-local"
        value={draft.startsAt}
        onInput={set("startsAt")}
        error={err("startsAt")}
      />
      <button type="submit" class="button" disabled={form.busy()}>
        Schedule
      </button>
      <FormStatus form={form} />
    </form>
  );
}
