import { createAsync } from "@solidjs/router";
import { createMemo, Show } from "solid-js";
import { formatMoney } from "../../lib/money.ts";
import { ChartView } from "../components/ChartView.tsx";
import { Async } from "../components/State.tsx";
import { getDashboardRevenue, getDashboardTopProducts, getOrdersByStatus } from "./dashboard.ts";
import { dayLabel, statusChart } from "./panels.ts";

/** Revenue per day for 30 days, today's bar following the live counters. */
function RevenueChart() {
  const revenue = createAsync(() => getDashboardRevenue());
  return (
    <Async value={revenue} keys={getDashboardRevenue.key} what="the revenue report">
      {(report) => (
        <ChartView
          type="bar"
          title="Revenue per day, last 30 days (UTC)"
          labels={report().items.map((day) => dayLabel(day.day))}
          series={[
            { label: "Revenue", data: report().items.map((day) => day.revenue) },
            { label: "Orders", data: report().items.map((day) => day.orders), line: true },
          ]}
          format={(minor) => formatMoney(minor, report().currency)}
          testid="chart-revenue"
        />
      )}
    </Async>
  );
}

/** Every order by its status, read again shortly after orders move. */
function StatusChart() {
  const statuses = createAsync(() => getOrdersByStatus());
  return (
    <Async value={statuses} keys={getOrdersByStatus.key} what="orders by status">
      {(rows) => {
        const chart = createMemo(() => statusChart(rows()));
        return (
          <Show
            when={chart().data.length > 0}
            fallback={<p class="a-state muted">No orders yet: this chart starts with the first one.</p>}
          >
            <ChartView
              type="doughnut"
              title="Orders by status (all orders)"
              labels={chart().labels}
              series={[{ label: "Orders", data: chart().data }]}
              testid="chart-status"
            />
          </Show>
        );
      }}
    </Async>
  );
}

/** The products sold most over 30 days, read again shortly after orders move. */
function TopProductsChart() {
  const top = createAsync(() => getDashboardTopProducts());
  return (
    <Async value={top} keys={getDashboardTopProducts.key} what="the top products">
      {(report) => (
        <Show
          when={report().items.length > 0}
          fallback={<p class="a-state muted">Nothing sold in the last 30 days yet.</p>}
        >
          <ChartView
            type="bar"
            horizontal
            title="Top products (units sold, last 30 days)"
            labels={report().items.map((row) => row.name)}
            series={[{ label: "Units sold", data: report().items.map((row) => row.units) }]}
            testid="chart-products"
          />
        </Show>
      )}
    </Async>
  );
}

/** The dashboard's charts, each with its own loading, failure and retry. */
export function DashboardCharts() {
  return (
    <div class="a-charts">
      <div class="a-chart-wide">
        <RevenueChart />
      </div>
      <StatusChart />
      <TopProductsChart />
    </div>
  );
}
