import { A } from "@solidjs/router";
import { createSignal, For, onCleanup, onMount, Show } from "solid-js";
import type { DashboardMessage, LiveStats } from "../../../realtime/messages.ts";
import { read } from "../lib/http.ts";
import { connectDashboard, connected } from "../lib/live.ts";
import { formatMoney } from "../lib/money.ts";
import type { Order } from "../lib/orders.ts";
import { api } from "../lib/session.ts";

type Alert = Extract<DashboardMessage, { type: "low_stock" }>["product"];

function LiveDashboard() {
  const [stats, setStats] = createSignal<LiveStats | null>(null);
  const [orders, setOrders] = createSignal<Order[]>([]);
  const [alerts, setAlerts] = createSignal<Alert[]>([]);
  onMount(() => {
    void read(api.admin.orders.$get({ query: { limit: "10" } })).then((recent) =>
      setOrders((live) => [...live, ...recent.items.filter((o) => !live.some((l) => l.id === o.id))]),
    );
    const disconnect = connectDashboard((message) => {
      if (message.type === "snapshot" || message.type === "stats") setStats(message.stats);
      else if (message.type === "order")
        setOrders((list) => [message.order, ...list.filter((o) => o.id !== message.order.id)].slice(0, 20));
      else if (message.type === "low_stock") setAlerts((list) => [message.product, ...list].slice(0, 10));
    });
    onCleanup(disconnect);
  });
  const card = (label: string, value: () => string | number | undefined, testid: string) => (
    <div class="stat">
      <span class="muted">{label}</span>
      <strong data-testid={testid}>{value() ?? "…"}</strong>
    </div>
  );
  return (
    <section>
      <h1>
        Live dashboard <span class={connected() ? "badge" : "badge out"}>{connected() ? "live" : "reconnecting"}</span>
      </h1>
      <p>
        <A href="/admin/products">Manage the catalog</A>
      </p>
      <div class="stats">
        {card("Orders today", () => stats()?.ordersToday, "stat-orders")}
        {card(
          "Revenue today",
          () => (stats() ? formatMoney(stats()?.revenueToday ?? 0, stats()?.currency ?? "USD") : undefined),
          "stat-revenue",
        )}
        {card("Awaiting payment", () => stats()?.pendingOrders, "stat-pending")}
        {card("Low on stock", () => stats()?.lowStockCount, "stat-low-stock")}
        {card("Active shoppers", () => stats()?.activeShoppers, "stat-shoppers")}
      </div>
      <div class="columns">
        <div>
          <h2>Orders as they happen</h2>
          <Show when={orders().length > 0} fallback={<p class="muted">Waiting for orders…</p>}>
            <ul class="cart-lines" data-testid="live-orders">
              <For each={orders()}>
                {(order) => (
                  <li class="cart-line">
                    <span>{order.id.slice(0, 8)}</span>
                    <span class={`status status-${order.status}`}>{order.status.replace("_", " ")}</span>
                    <span>{formatMoney(order.total, order.currency)}</span>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </div>
        <div>
          <h2>Low-stock alerts</h2>
          <Show when={alerts().length > 0} fallback={<p class="muted">No alerts.</p>}>
            <ul class="cart-lines">
              <For each={alerts()}>
                {(alert) => (
                  <li class="cart-line">
                    <span>{alert.name}</span>
                    <span class="badge out">{alert.stockQty} left</span>
                    <span class="muted">under {alert.threshold}</span>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </div>
      </div>
    </section>
  );
}

export default LiveDashboard;
