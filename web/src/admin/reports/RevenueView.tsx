import { For, Show } from "solid-js";
import { formatMoney } from "../../lib/money.ts";
import { ChartView } from "../components/ChartView.tsx";
import { Empty } from "../components/State.tsx";
import type { Range } from "./address.ts";
import type { RevenueRow } from "./reports.ts";

/** A range's revenue: its total, a chart of every day and the same numbers as a table, newest first. */
export function RevenueView(props: { report: { currency: string; items: RevenueRow[] }; range: Range }) {
  const money = (minor: number) => formatMoney(minor, props.report.currency);
  const days = () => props.report.items;
  const total = () => days().reduce((sum, day) => sum + day.revenue, 0);
  const orders = () => days().reduce((sum, day) => sum + day.orders, 0);
  return (
    <Show when={days().length > 0} fallback={<Empty>No days in this range.</Empty>}>
      <p>
        <strong data-testid="revenue-total">{money(total())}</strong> from {orders()} orders over {days().length} days.
      </p>
      <ChartView
        type="bar"
        title={`Revenue per day, ${props.range.from} to ${props.range.to}`}
        labels={days().map((day) => day.day.slice(5))}
        series={[
          { label: "Revenue", data: days().map((day) => day.revenue) },
          { label: "Orders", data: days().map((day) => day.orders), line: true },
        ]}
        format={money}
        height={280}
        testid="report-chart"
      />
      <table class="a-table" data-testid="report-table">
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col" class="a-num">
              Orders
            </th>
            <th scope="col" class="a-num">
              Paid orders
            </th>
            <th scope="col" class="a-num">
              Revenue
            </th>
          </tr>
        </thead>
        <tbody>
          <For each={[...days()].reverse()}>
            {(day) => (
              <tr>
                <td data-label="Day">{day.day}</td>
                <td data-label="Orders" class="a-num">
                  {day.orders}
                </td>
                <td data-label="Paid orders" class="a-num">
                  {day.paidOrders}
                </td>
                <td data-label="Revenue" class="a-num">
                  {money(day.revenue)}
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </Show>
  );
}
