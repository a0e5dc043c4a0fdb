import { createAsync, useSearchParams } from "@solidjs/router";
import { Async } from "../components/State.tsx";
import { revenueRange } from "./address.ts";
import { RangeForm } from "./RangeForm.tsx";
import { getShippingReport, getTaxReport } from "./reports.ts";
import { ShippingTable, TaxTable } from "./TaxTables.tsx";

/** Tax collected per country and rate, and shipping charged per method, over the days staff choose. */
export function TaxesReport() {
  const [params] = useSearchParams<{ from?: string; to?: string }>();
  const range = () => revenueRange(params);
  const taxes = createAsync(() => getTaxReport(range()));
  const shipping = createAsync(() => getShippingReport(range()));
  const file = (what: string) => `${what}-${range().from}-to-${range().to}`;
  return (
    <section class="a-panel" aria-labelledby="report-heading">
      <h2 id="report-heading">Tax and shipping</h2>
      <RangeForm label="Tax and shipping report range" />
      <p class="muted">
        From what each order stored when it was placed; orders paid, processing, shipped or delivered, on the day they
        were placed.
      </p>
      <Async value={taxes} keys={getTaxReport.key} what="the tax report">
        {(value) => <TaxTable report={value()} file={file("tax")} />}
      </Async>
      <Async value={shipping} keys={getShippingReport.key} what="the shipping report">
        {(value) => <ShippingTable report={value()} file={file("shipping")} />}
      </Async>
    </section>
  );
}
