import { A, createAsync, useSearchParams } from "@solidjs/router";
import { For } from "solid-js";
import { formatMoney } from "../../lib/money.ts";
import { Async } from "../components/State.tsx";
import { csvName, downloadCsv } from "../lib/csv.ts";
import { toAmount } from "../lib/money.ts";
import { pageTitle } from "../lib/role.ts";
import { revenueRange } from "../reports/address.ts";
import { RangeForm } from "../reports/RangeForm.tsx";
import { kindLabels, methodLabels } from "./promotion-labels.ts";
import { getPromotionsReport, type PromotionsReport } from "./promotions.ts";

/** The route's preload: the page's reads, started with the navigation. */
export { preloadPromotionsReport as preload } from "./promotions.ts";

function ReportTable(props: { report: PromotionsReport }) {
  const money = (amount: number) => formatMoney(amount, props.report.currency);
  const c = () => props.report.currency.toLowerCase();
  const save = () =>
    downloadCsv(
      csvName(`promotions-${props.report.from}`),
      props.report.items.map((row) => ({
        promotion: row.name,
        method: row.method,
        kind: row.kind,
        uses: row.uses,
        [`discount_${c()}`]: toAmount(row.discount, props.report.currency),
        [`shipping_discount_${c()}`]: toAmount(row.shippingDiscount, props.report.currency),
      })),
    );
  return (
    <>
      <div class="a-panel-head">
        <h2>Uses and discount by promotion</h2>
        <button type="button" class="button secondary a-small" onClick={save}>
          Download CSV
        </button>
      </div>
      <table class="a-table" data-testid="promotions-report">
        <thead>
          <tr>
            <th scope="col">Promotion</th>
            <th scope="col" class="a-num">
              Uses
            </th>
            <th scope="col" class="a-num">
              Off the goods
            </th>
            <th scope="col" class="a-num">
              Off shipping
            </th>
          </tr>
        </thead>
        <tbody>
          <For
            each={props.report.items}
            fallback={
              <tr>
                <td colSpan={4}>No promotion was used in these days.</td>
              </tr>
            }
          >
            {(row) => (
              <tr>
                <td data-label="Promotion">
                  <A href={`/admin/promotions/${row.promotionId}`}>{row.name}</A>
                  <div class="muted">
                    {methodLabels[row.method]}, on {kindLabels[row.kind].toLowerCase()}
                  </div>
                </td>
                <td data-label="Uses" class="a-num">
                  {row.uses}
                </td>
                <td data-label="Off the goods" class="a-num">
                  {money(row.discount)}
                </td>
                <td data-label="Off shipping" class="a-num">
                  {money(row.shippingDiscount)}
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </>
  );
}

/** Uses and discount given per promotion over the days staff choose, canceled orders left out. */
export default function PromotionsReportPage() {
  pageTitle("Promotions report");
  const [params] = useSearchParams<{ from?: string; to?: string }>();
  const report = createAsync(() => getPromotionsReport(revenueRange(params)));
  return (
    <section>
      <p class="a-crumbs">
        <A href="/admin/promotions">Promotions</A>
      </p>
      <h1>Promotions report</h1>
      <section class="a-panel" aria-label="Promotions report">
        <RangeForm label="Promotions report range" />
        <p class="muted">By the day each order was placed (UTC); uses of orders canceled since are not counted.</p>
        <Async value={report} keys={getPromotionsReport.key} what="the promotions report">
          {(value) => <ReportTable report={value()} />}
        </Async>
      </section>
    </section>
  );
}
