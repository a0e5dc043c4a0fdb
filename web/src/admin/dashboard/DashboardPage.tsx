import { A } from "@solidjs/router";
import { createMemo, createSignal, For, type JSX, onCleanup, Show } from "solid-js";
import { read } from "../../lib/http.ts";
import { formatMoney } from "../../lib/money.ts";
import { api } from "../../lib/session.ts";
import { ChartView } from "../components/ChartView.tsx";
import { LiveBadge } from "../components/LiveBadge.tsx";
import { Failure, Loading } from "../components/State.tsx";
import { StatusBadge } from "../components/StatusBadge.tsx";
import { createLoader } from "../lib/data.ts";
import { onDashboard } from "../lib/live.ts";
import { formatDateTime, orderStatuses, shortId, statusLabels } from "../lib/orders.ts";
import { pageTitle } from "../lib/role.ts";
import type { CommentAlert, LiveOrder, LiveStats, LowStockAlert } from "../lib/types.ts";
import { lowStock, ordersByStatus, type RevenueRow, revenueByDay, topProducts } from "../reports/reports.ts";

/** How many recent orders the live feed shows. */
const feedSize = 10;
const dayMs = 86_400_000;
const utcDay = (time: number) => new Date(time).toISOString().slice(0, 10);
const dayLabel = (day: string) =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" });

const lastChange = (order: LiveOrder) => order.events.at(-1)?.at ?? order.createdAt;

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

function Panel(props: { title: string; children: JSX.Element; action?: JSX.Element }) {
  return (
    <section class="a-panel">
      <div class="a-panel-head">
        <h2>{props.title}</h2>
        {props.action}
      </div>
      {props.children}
    </section>
  );
}

export default function DashboardPage() {
  pageTitle("Dashboard");
  const [stats, setStats] = createSignal<LiveStats | null>(null);
  const [recent, setRecent] = createSignal<LiveOrder[]>([]);
  const [days, setDays] = createSignal<RevenueRow[]>([]);
  const [alerts, setAlerts] = createSignal<LowStockAlert[]>([]);
  const [comments, setComments] = createSignal<CommentAlert[]>([]);
  const [moreComments, setMoreComments] = createSignal(false);

  const counters = createLoader(async () => {
    const current = await read(api.admin.stats.$get());
    if (!stats()) setStats(current);
    return current;
  });

  const orders = createLoader(async () => {
    const page = await read(api.admin.orders.$get({ query: { limit: String(feedSize) } }));
    // Orders that arrived live while this loaded are newer than the page: keep them.
    setRecent((live) => [...live, ...page.items.filter((order) => !live.some((l) => l.id === order.id))]);
    return page;
  });

  const revenue = createLoader(async () => {
    const now = Date.now();
    const report = await revenueByDay(utcDay(now - 29 * dayMs), utcDay(now + dayMs));
    setDays(report.items);
    return report;
  });

  const alertsLoader = createLoader(async () => {
    const report = await lowStock(undefined, undefined, 10);
    setAlerts((live) => [
      ...live,
      ...report.items
        .filter((row) => !live.some((alert) => alert.variant.id === row.variant.id))
        .map(({ product, variant }) => ({
          product: { id: product.id, name: product.name },
          variant: {
            id: variant.id,
            title: variant.title,
            sku: variant.sku,
            stockQty: variant.stockQty,
            threshold: variant.threshold,
          },
        })),
    ]);
    return report;
  });

  const commentsLoader = createLoader(async () => {
    const page = await read(api.admin.comments.$get({ query: { approved: "false", limit: "5" } }));
    setComments((live) => [
      ...live,
      ...page.items
        .filter((row) => !live.some((comment) => comment.id === row.id))
        .map((row) => ({ id: row.id, kind: row.kind, body: row.body })),
    ]);
    setMoreComments(page.nextCursor !== null);
    return page;
  });

  const statuses = createLoader(ordersByStatus);
  const top = createLoader(() => topProducts(30, undefined, 5));
  // Orders move the status and product charts: they are read again shortly after (once per burst).
  let chartsTimer: ReturnType<typeof setTimeout> | undefined;
  const refreshCharts = () => {
    clearTimeout(chartsTimer);
    chartsTimer = setTimeout(() => {
      void statuses.reload();
      void top.reload();
    }, 1_000);
  };
  onCleanup(() => clearTimeout(chartsTimer));

  /** Today's bar follows the live counters, which count exactly what the report counts for today. */
  const applyStats = (next: LiveStats) => {
    setStats(next);
    const today = utcDay(Date.now());
    const list = days();
    if (list.length === 0) return;
    if (list.at(-1)?.day !== today) {
      void revenue.reload();
      return;
    }
    setDays(
      list.map((day) => (day.day === today ? { ...day, revenue: next.revenueToday, orders: next.ordersToday } : day)),
    );
  };

  onDashboard((message) => {
    if (message.type === "snapshot" || message.type === "stats") applyStats(message.stats);
    else if (message.type === "order") {
      const order = message.order;
      setRecent((list) => [order, ...list.filter((o) => o.id !== order.id)].slice(0, feedSize * 2));
      refreshCharts();
    } else if (message.type === "low_stock") {
      const { product, variant } = message;
      setAlerts((list) => [{ product, variant }, ...list.filter((a) => a.variant.id !== variant.id)].slice(0, 10));
    } else if (message.type === "comment")
      setComments((list) => [message.comment, ...list.filter((c) => c.id !== message.comment.id)]);
  });

  const currency = () => stats()?.currency ?? "USD";
  const money = (minor: number) => formatMoney(minor, currency());

  const feed = createMemo(() =>
    [...recent()].sort((a, b) => Date.parse(lastChange(b)) - Date.parse(lastChange(a))).slice(0, feedSize),
  );
  const byStatus = createMemo(() => {
    const present = orderStatuses
      .map((status) => ({ status, count: statuses.value()?.find((row) => row.status === status)?.count ?? 0 }))
      .filter((row) => row.count > 0);
    return { labels: present.map((row) => statusLabels[row.status]), data: present.map((row) => row.count) };
  });

  return (
    <section>
      <div class="a-title">
        <h1>Live dashboard</h1>
        <LiveBadge />
      </div>
      <Show when={counters.error() && !stats()}>
        <Failure error={counters.error()} what="the counters" retry={counters.reload} />
      </Show>
      <div class="stats">
        <Counter label="Orders today" value={stats()?.ordersToday} testid="stat-orders" href="/admin/orders" />
        <Counter
          label="Revenue today"
          value={stats() ? money(stats()?.revenueToday ?? 0) : undefined}
          testid="stat-revenue"
        />
        <Counter
          label="Awaiting payment"
          value={stats()?.pendingOrders}
          testid="stat-pending"
          href="/admin/orders?status=pending_payment"
        />
        <Counter
          label="Low on stock"
          value={stats()?.lowStockCount}
          testid="stat-low-stock"
          href="/admin/reports?view=low-stock"
        />
        <Counter label="Active shoppers" value={stats()?.activeShoppers} testid="stat-shoppers" />
      </div>

      <div class="a-charts">
        <div class="a-chart-wide">
          <Show
            when={!revenue.error()}
            fallback={<Failure error={revenue.error()} what="the revenue report" retry={revenue.reload} />}
          >
            <Show when={days().length > 0} fallback={<Loading what="revenue" />}>
              <ChartView
                type="bar"
                title="Revenue per day, last 30 days (UTC)"
                labels={days().map((day) => dayLabel(day.day))}
                series={[
                  { label: "Revenue", data: days().map((day) => day.revenue) },
                  { label: "Orders", data: days().map((day) => day.orders), line: true },
                ]}
                format={money}
                testid="chart-revenue"
              />
            </Show>
          </Show>
        </div>
        <Show
          when={!statuses.error()}
          fallback={<Failure error={statuses.error()} what="orders by status" retry={statuses.reload} />}
        >
          <Show when={statuses.value()} fallback={<Loading what="orders by status" />}>
            <Show
              when={byStatus().data.length > 0}
              fallback={<p class="a-state muted">No orders yet: this chart starts with the first one.</p>}
            >
              <ChartView
                type="doughnut"
                title="Orders by status (all orders)"
                labels={byStatus().labels}
                series={[{ label: "Orders", data: byStatus().data }]}
                testid="chart-status"
              />
            </Show>
          </Show>
        </Show>
        <Show when={!top.error()} fallback={<Failure error={top.error()} what="the top products" retry={top.reload} />}>
          <Show when={top.value()} fallback={<Loading what="the top products" />}>
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

      <div class="a-panels">
        <Panel title="Orders as they happen" action={<A href="/admin/orders">All orders</A>}>
          <Show when={orders.error()}>
            <Failure error={orders.error()} what="the latest orders" retry={orders.reload} />
          </Show>
          <Show
            when={feed().length > 0}
            fallback={<p class="muted">{orders.loading() ? "Loading…" : "No orders yet: new ones appear here."}</p>}
          >
            <ul class="a-feed" data-testid="live-orders">
              <For each={feed()}>
                {(order) => (
                  <li>
                    <A href={`/admin/orders/${order.id}`}>Order {shortId(order.id)}</A>
                    <StatusBadge status={order.status} />
                    <span>{formatMoney(order.total, order.currency)}</span>
                    <small class="muted">
                      {order.username ? `${order.username} · ` : ""}
                      {formatDateTime(lastChange(order))}
                    </small>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </Panel>
        <Panel title="Low-stock alerts" action={<A href="/admin/reports?view=low-stock">Low-stock report</A>}>
          <Show
            when={!alertsLoader.error()}
            fallback={<Failure error={alertsLoader.error()} what="alerts" retry={alertsLoader.reload} />}
          >
            <Show
              when={alerts().length > 0}
              fallback={<p class="muted">{alertsLoader.loading() ? "Loading…" : "Nothing is running low."}</p>}
            >
              <ul class="a-feed" data-testid="low-stock-alerts">
                <For each={alerts()}>
                  {(alert) => (
                    <li>
                      <A href={`/admin/products/${alert.product.id}`}>{alert.product.name}</A>
                      <Show when={alert.variant.title !== "Default"}>
                        <span>{alert.variant.title}</span>
                      </Show>
                      <span class="badge out">{alert.variant.stockQty} left</span>
                      <small class="muted">
                        SKU <code>{alert.variant.sku}</code> · alert under {alert.variant.threshold}
                      </small>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </Show>
        </Panel>
        <Panel title="Comments waiting" action={<A href="/admin/reviews">Moderate</A>}>
          <Show
            when={!commentsLoader.error()}
            fallback={<Failure error={commentsLoader.error()} what="comments" retry={commentsLoader.reload} />}
          >
            <Show
              when={comments().length > 0}
              fallback={<p class="muted">{commentsLoader.loading() ? "Loading…" : "No comments are waiting."}</p>}
            >
              <ul class="a-feed" data-testid="waiting-comments">
                <For each={comments().slice(0, 5)}>
                  {(comment) => (
                    <li>
                      <span class="a-kind">{comment.kind}</span>
                      <span class="a-clip">{comment.body}</span>
                    </li>
                  )}
                </For>
              </ul>
              <Show when={comments().length > 5 || moreComments()}>
                <p>
                  <A href="/admin/reviews">More are waiting in the queue</A>
                </p>
              </Show>
            </Show>
          </Show>
        </Panel>
      </div>
    </section>
  );
}
