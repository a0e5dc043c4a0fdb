import { A, createAsync } from "@solidjs/router";
import { Show } from "solid-js";
import { formatMoney } from "../../lib/money.ts";
import { Async } from "../components/State.tsx";
import type { LiveStats } from "../lib/types.ts";
import { getDashboardCounters } from "./dashboard.ts";

function Counter(props: { label: string; value: string | number; testid: string; href?: string }) {
  const body = (
    <>
      <span class="muted">{props.label}</span>
      <strong data-testid={props.testid}>{props.value}</strong>
    </>
  );
  return (
    <div class="stat">
      <Show when={props.href} fallback={body}>
        {(href) => (
          <A href={href()} class="a-stat-link">
            {body}
          </A>
        )}
      </Show>
    </div>
  );
}

function Counters(props: { stats: LiveStats }) {
  return (
    <div class="stats">
      <Counter label="Orders today" value={props.stats.ordersToday} testid="stat-orders" href="/admin/orders" />
      <Counter
        label="Revenue today"
        value={formatMoney(props.stats.revenueToday, props.stats.currency)}
        testid="stat-revenue"
      />
      <Counter
        label="Awaiting payment"
        value={props.stats.pendingOrders}
        testid="stat-pending"
        href="/admin/orders?status=pending_payment"
      />
      <Counter
        label="Low on stock"
        value={props.stats.lowStockCount}
        testid="stat-low-stock"
        href="/admin/reports?view=low-stock"
      />
      <Counter label="Active shoppers" value={props.stats.activeShoppers} testid="stat-shoppers" />
      <Counter
        label={`Promotions today (${props.stats.promotionUsesToday} ${props.stats.promotionUsesToday === 1 ? "order" : "orders"})`}
        value={`−${formatMoney(props.stats.promotionDiscountToday, props.stats.currency)}`}
        testid="stat-promotions"
        href="/admin/promotions"
      />
    </div>
  );
}

/** Today's counters, live (the socket's counters replace what was read): each links to where staff act on it. */
export function DashboardCounters() {
  const stats = createAsync(() => getDashboardCounters());
  return (
    <Async value={stats} keys={getDashboardCounters.key} what="the counters">
      {(current) => <Counters stats={current()} />}
    </Async>
  );
}
