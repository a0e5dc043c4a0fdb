import { createAsync, useSearchParams } from "@solidjs/router";
import { createSignal, Suspense } from "solid-js";
import { createForm } from "../../lib/form.ts";
import { FormStatus } from "../components/Feedback.tsx";
import { InputField } from "../components/Fields.tsx";
import { Async } from "../components/State.tsx";
import { createChecks } from "../lib/checks.ts";
import { csvName, downloadCsv } from "../lib/csv.ts";
import { toAmount } from "../lib/money.ts";
import { daysBetween, isDay, type Range, revenueRange } from "./address.ts";
import { RevenueView } from "./RevenueView.tsx";
import { getRevenueReport } from "./reports.ts";

/**
 * The CSV of the revenue shown: ready once the report is there. It reads the report's query (read
 * once for both); the report says when it is loading or failed, and its retry reads both again.
 */
function RevenueDownload(props: { range: Range }) {
  const report = createAsync(() => getRevenueReport(props.range).catch(() => undefined));
  const save = () => {
    const value = report();
    if (!value) return;
    downloadCsv(
      csvName(`revenue-${props.range.from}-to-${props.range.to}`),
      value.items.map((day) => ({
        day: day.day,
        orders: day.orders,
        paid_orders: day.paidOrders,
        [`revenue_${value.currency.toLowerCase()}`]: toAmount(day.revenue, value.currency),
      })),
    );
  };
  const waiting = (
    <button type="button" class="button secondary a-small" disabled>
      Download CSV
    </button>
  );
  return (
    <Suspense fallback={waiting}>
      <button type="button" class="button secondary a-small" disabled={!report()} onClick={save}>
        Download CSV
      </button>
    </Suspense>
  );
}

/** Revenue per UTC day over a range staff choose (kept in the address), the last 30 days by default. */
export function RevenueReport() {
  const [params, setParams] = useSearchParams<{ from?: string; to?: string }>();
  const range = () => revenueRange(params);
  const [from, setFrom] = createSignal(range().from);
  const [to, setTo] = createSignal(range().to);
  const form = createForm();
  const report = createAsync(() => getRevenueReport(range()));
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
    <section class="a-panel" aria-labelledby="report-heading">
      <div class="a-panel-head">
        <h2 id="report-heading">Revenue by day</h2>
        <RevenueDownload range={range()} />
      </div>
      <form class="a-inline-form" onSubmit={apply} aria-label="Revenue report range">
        <InputField label="First day (UTC)" type="date" value={from()} onInput={setFrom} error={form.errors().from} />
        <InputField label="Last day (UTC)" type="date" value={to()} onInput={setTo} error={form.errors().to} />
        <button type="submit" class="button">
          Show
        </button>
      </form>
      <FormStatus form={form} />
      <p class="muted">
        Revenue counts orders that are paid, processing, shipped or delivered, on the day they were placed.
      </p>
      <Async value={report} keys={getRevenueReport.key} what="the report">
        {(value) => <RevenueView report={value()} range={range()} />}
      </Async>
    </section>
  );
}
