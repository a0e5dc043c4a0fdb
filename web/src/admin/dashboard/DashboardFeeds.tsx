import { A } from "@solidjs/router";
import { For, type JSX, Show } from "solid-js";
import { formatMoney } from "../../lib/money.ts";
import { Failure } from "../components/State.tsx";
import { StatusBadge } from "../components/StatusBadge.tsx";
import { formatDateTime, shortId } from "../lib/orders.ts";
import { type Dashboard, lastChange } from "./dashboard.ts";

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

/** What happens as it happens: orders, low-stock alerts and comments waiting for moderation. */
export function DashboardFeeds(props: { dashboard: Dashboard }) {
  const d = props.dashboard;
  return (
    <div class="a-panels">
      <Panel title="Orders as they happen" action={<A href="/admin/orders">All orders</A>}>
        <Show when={d.orders.error()}>
          <Failure error={d.orders.error()} what="the latest orders" retry={d.orders.reload} />
        </Show>
        <Show
          when={d.feed().length > 0}
          fallback={<p class="muted">{d.orders.loading() ? "Loading…" : "No orders yet: new ones appear here."}</p>}
        >
          <ul class="a-feed" data-testid="live-orders">
            <For each={d.feed()}>
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
          when={!d.alertsLoader.error()}
          fallback={<Failure error={d.alertsLoader.error()} what="alerts" retry={d.alertsLoader.reload} />}
        >
          <Show
            when={d.alerts().length > 0}
            fallback={<p class="muted">{d.alertsLoader.loading() ? "Loading…" : "Nothing is running low."}</p>}
          >
            <ul class="a-feed" data-testid="low-stock-alerts">
              <For each={d.alerts()}>
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
          when={!d.commentsLoader.error()}
          fallback={<Failure error={d.commentsLoader.error()} what="comments" retry={d.commentsLoader.reload} />}
        >
          <Show
            when={d.comments().length > 0}
            fallback={<p class="muted">{d.commentsLoader.loading() ? "Loading…" : "No comments are waiting."}</p>}
          >
            <ul class="a-feed" data-testid="waiting-comments">
              <For each={d.comments().slice(0, 5)}>
                {(comment) => (
                  <li>
                    <span class="a-kind">{comment.kind}</span>
                    <span class="a-clip">{comment.body}</span>
                  </li>
                )}
              </For>
            </ul>
            <Show when={d.comments().length > 5 || d.moreComments()}>
              <p>
                <A href="/admin/reviews">More are waiting in the queue</A>
              </p>
            </Show>
          </Show>
        </Show>
      </Panel>
    </div>
  );
}
