import { A, createAsync } from "@solidjs/router";
import { For, type JSX, Show } from "solid-js";
import { formatMoney } from "../../lib/money.ts";
import { Async } from "../components/State.tsx";
import { StatusBadge } from "../components/StatusBadge.tsx";
import { formatDateTime } from "../lib/orders.ts";
import { getLowStockAlerts, getRecentOrders, getWaitingComments } from "./dashboard.ts";
import { feedOf, lastChange } from "./panels.ts";

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

function OrdersFeed() {
  const orders = createAsync(() => getRecentOrders());
  return (
    <Async value={orders} keys={getRecentOrders.key} what="the latest orders">
      {(list) => (
        <Show when={list().length > 0} fallback={<p class="muted">No orders yet: new ones appear here.</p>}>
          <ul class="a-feed" data-testid="live-orders">
            <For each={feedOf(list())}>
              {(order) => (
                <li>
                  <A href={`/admin/orders/${order.id}`}>Order #{order.number}</A>
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
      )}
    </Async>
  );
}

function AlertsFeed() {
  const alerts = createAsync(() => getLowStockAlerts());
  return (
    <Async value={alerts} keys={getLowStockAlerts.key} what="alerts">
      {(list) => (
        <Show when={list().length > 0} fallback={<p class="muted">Nothing is running low.</p>}>
          <ul class="a-feed" data-testid="low-stock-alerts">
            <For each={list()}>
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
      )}
    </Async>
  );
}

function CommentsFeed() {
  const comments = createAsync(() => getWaitingComments());
  return (
    <Async value={comments} keys={getWaitingComments.key} what="comments">
      {(waiting) => (
        <Show when={waiting().items.length > 0} fallback={<p class="muted">No comments are waiting.</p>}>
          <ul class="a-feed" data-testid="waiting-comments">
            <For each={waiting().items.slice(0, 5)}>
              {(comment) => (
                <li>
                  <span class="a-kind">{comment.kind}</span>
                  <span class="a-clip">{comment.body}</span>
                </li>
              )}
            </For>
          </ul>
          <Show when={waiting().items.length > 5 || waiting().more}>
            <p>
              <A href="/admin/reviews">More are waiting in the queue</A>
            </p>
          </Show>
        </Show>
      )}
    </Async>
  );
}

/** What happens as it happens: orders, low-stock alerts and comments waiting for moderation, each on its own. */
export function DashboardFeeds() {
  return (
    <div class="a-panels">
      <Panel title="Orders as they happen" action={<A href="/admin/orders">All orders</A>}>
        <OrdersFeed />
      </Panel>
      <Panel title="Low-stock alerts" action={<A href="/admin/reports?view=low-stock">Low-stock report</A>}>
        <AlertsFeed />
      </Panel>
      <Panel title="Comments waiting" action={<A href="/admin/reviews">Moderate</A>}>
        <CommentsFeed />
      </Panel>
    </div>
  );
}
