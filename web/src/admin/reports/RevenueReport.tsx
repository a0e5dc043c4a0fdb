import { createAsync, useSearchParams } from "@solidjs/router";
import { Suspense } from "solid-js";
import { Async } from "../components/State.tsx";
import { csvName, downloadCsv } from "../lib/csv.ts";
import { toAmount } from "../lib/money.ts";
import { type Range, revenueRange } from "./address.ts";
import { RangeForm } from "./RangeForm.tsx";
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
  const [params] = useSearchParams<{ from?: string; to?: string }>();
  const range = () => revenueRange(params);
  const report = createAsync(() => getRevenueReport(range()));
  return (
    <section class="a-panel" aria-labelledby="report-heading">
      <div class="a-panel-head">
        <h2 id="report-heading">Revenue by day</h2>
        <RevenueDownload range={range()} />
      </div>
      <RangeForm label="Revenue report range" />
      <p class="muted">
        Revenue counts orders that are paid, processing, shipped or delivered, on the day they were placed.
      </p>
      <Async value={report} keys={getRevenueReport.key} what="the report">
        {(value) => <RevenueView report={value()} range={range()} />}
      </Async>
    </section>
  );
}
