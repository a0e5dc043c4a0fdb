import { useSearchParams } from "@solidjs/router";
import { For, Match, Switch } from "solid-js";
import { pageTitle } from "../lib/role.ts";
import { reportView, views } from "./address.ts";
import { LowStockReport } from "./LowStockReport.tsx";
import { OutOfStockReport } from "./OutOfStockReport.tsx";
import { RatingsReport } from "./RatingsReport.tsx";
import { RevenueReport } from "./RevenueReport.tsx";
import { StockLeftReport } from "./StockLeftReport.tsx";
import { TaxesReport } from "./TaxesReport.tsx";
import { TopProductsReport } from "./TopProductsReport.tsx";

/** The route's preload: the page's reads, started with the navigation. */
export { preloadReports as preload } from "./reports.ts";

/** The reports, one view at a time (named in the address), each in a file of its own. */
export default function ReportsPage() {
  pageTitle("Reports");
  const [params] = useSearchParams<{ view?: string }>();
  const view = () => reportView(params.view);
  return (
    <section>
      <div class="a-title">
        <h1>Reports</h1>
      </div>
      <nav aria-label="Reports">
        <ul class="a-tabs">
          <For each={views}>
            {(v) => (
              <li>
                <a href={`/admin/reports?view=${v.view}`} aria-current={view() === v.view ? "page" : undefined}>
                  {v.label}
                </a>
              </li>
            )}
          </For>
        </ul>
      </nav>
      <Switch>
        <Match when={view() === "revenue"}>
          <RevenueReport />
        </Match>
        <Match when={view() === "taxes"}>
          <TaxesReport />
        </Match>
        <Match when={view() === "top-products"}>
          <TopProductsReport />
        </Match>
        <Match when={view() === "out-of-stock"}>
          <OutOfStockReport />
        </Match>
        <Match when={view() === "stock-left"}>
          <StockLeftReport />
        </Match>
        <Match when={view() === "low-stock"}>
          <LowStockReport />
        </Match>
        <Match when={view() === "ratings"}>
          <RatingsReport />
        </Match>
      </Switch>
    </section>
  );
}
