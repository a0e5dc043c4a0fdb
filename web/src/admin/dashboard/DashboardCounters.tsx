import { A } from "@solidjs/router";
import { Show } from "solid-js";
import { Failure } from "../components/State.tsx";
import type { Dashboard } from "./dashboard.ts";

function Counter(props: { label: string; value: string | number | undefined; testid: string; href?: string }) {
  const body = (
    <>
      <span class="muted">{props.label}</span>
      <strong data-testid={props.testid}>{props.value ?? "…"}</strong>
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

/** Today's counters, live: each links to where staff act on it. */
export function DashboardCounters(props: { dashboard: Dashboard }) {
  const d = props.dashboard;
  return (
    <>
      <Show when={d.counters.error() && !d.stats()}>
        <Failure error={d.counters.error()} what="the counters" retry={d.counters.reload} />
      </Show>
      <div class="stats">
        <Counter label="Orders today" value={d.stats()?.ordersToday} testid="stat-orders" href="/admin/orders" />
        <Counter
          label="Revenue today"
          value={d.stats() ? d.money(d.stats()?.revenueToday ?? 0) : undefined}
          testid="stat-revenue"
        />
        <Counter
          label="Awaiting payment"
          value={d.stats()?.pendingOrders}
          testid="stat-pending"
          href="/admin/orders?status=pending_payment"
        />
        <Counter
          label="Low on stock"
          value={d.stats()?.lowStockCount}
          testid="stat-low-stock"
          href="/admin/reports?view=low-stock"
        />
        <Counter label="Active shoppers" value={d.stats()?.activeShoppers} testid="stat-shoppers" />
      </div>
    </>
  );
}
