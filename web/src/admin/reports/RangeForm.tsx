import { useSearchParams } from "@solidjs/router";
import { createSignal } from "solid-js";
import { createForm } from "../../lib/form.ts";
import { FormStatus } from "../components/Feedback.tsx";
import { InputField } from "../components/Fields.tsx";
import { createChecks } from "../lib/checks.ts";
import { daysBetween, isDay, revenueRange } from "./address.ts";

/** The days a report spans (kept in the address), checked before they are asked for. */
export function RangeForm(props: { label: string }) {
  const [params, setParams] = useSearchParams<{ from?: string; to?: string }>();
  const range = () => revenueRange(params);
  const [from, setFrom] = createSignal(range().from);
  const [to, setTo] = createSignal(range().to);
  const form = createForm();
  const apply = (event: SubmitEvent) => {
    event.preventDefault();
    void form.run(async () => {
      const check = createChecks();
      if (!isDay(from())) check.fail("from", "Choose the first day.");
      if (!isDay(to())) check.fail("to", "Choose the last day.");
      const days = daysBetween(from(), to());
      if (days < 1) check.fail("to", "The last day cannot be before the first.");
      else if (days > 366) check.fail("to", "A report spans at most 366 days.");
      check.done();
      setParams({ from: from(), to: to() });
    });
  };
  return (
    <>
      <form class="a-inline-form" onSubmit={apply} aria-label={props.label}>
        <InputField label="First day (UTC)" type="date" value={from()} onInput={setFrom} error={form.errors().from} />
        <InputField label="Last day (UTC)" type="date" value={to()} onInput={setTo} error={form.errors().to} />
        <button type="submit" class="button">
          Show
        </button>
      </form>
      <FormStatus form={form} />
    </>
  );
}
