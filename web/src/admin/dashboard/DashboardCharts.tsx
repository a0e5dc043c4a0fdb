import { Show } from "solid-js";
import { ChartView } from "../components/ChartView.tsx";
import { Failure, Loading } from "../components/State.tsx";
import { type Dashboard, dayLabel } from "./dashboard.ts";

/** Revenue per day for 30 days, orders by status, and the top products, each with its loading and failure. */
export function DashboardCharts(props: { dashboard: Dashboard }) {
  const d = props.dashboard;
  return (
    <div class="a-charts">
      <div class="a-chart-wide">
        <Show
          when={!d.revenue.error()}
          fallback={<Failure error={d.revenue.error()} what="the revenue report" retry={d.revenue.reload} />}
        >
          <Show when={d.days().length > 0} fallback={<Loading what="revenue" />}>
            <ChartView
              type="bar"
              title="Revenue per day, last 30 days (UTC)"
              labels={d.days().map((day) => dayLabel(day.day))}
              series={[
                { label: "Revenue", data: d.days().map((day) => day.revenue) },
                { label: "Orders", data: d.days().map((day) => day.orders), line: true },
              ]}
              format={d.money}
              testid="chart-revenue"
            />
          </Show>
        </Show>
      </div>
      <Show
        when={!d.statuses.error()}
        fallback={<Failure error={d.statuses.error()} what="orders by status" retry={d.statuses.reload} />}
      >
        <Show when={d.statuses.value()} fallback={<Loading what="orders by status" />}>
          <Show
            when={d.byStatus().data.length > 0}
            fallback={<p class="a-state muted">No orders yet: this chart starts with the first one.</p>}
          >
            <ChartView
              type="doughnut"
              title="Orders by status (all orders)"
              labels={d.byStatus().labels}
              series={[{ label: "Orders", data: d.byStatus().data }]}
              testid="chart-status"
            />
          </Show>
        </Show>
      </Show>
      <Show
        when={!d.top.error()}
        fallback={<Failure error={d.top.error()} what="the top products" retry={d.top.reload} />}
      >
        <Show when={d.top.value()} fallback={<Loading what="the top products" />}>
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
        </Show>
      </Show>
    </div>
  );
}
