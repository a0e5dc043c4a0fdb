import { A, createAsync } from "@solidjs/router";
import { For, Show } from "solid-js";
import { formatMoney } from "../../lib/money.ts";
import { Async } from "../components/State.tsx";
import { StatusBadge } from "../components/StatusBadge.tsx";
import { formatDateTime } from "../lib/orders.ts";
import { getRecentOrders } from "./customers.ts";

/** A customer's latest orders, and the way to all of them. */
export function RecentOrders(props: { userId: string; username: string }) {
  const orders = createAsync(() => getRecentOrders(props.userId));
  return (
    <div class="a-panel">
      <Async value={orders} keys={getRecentOrders.key} what="the orders">
        {(page) => (
          <Show when={page().items.length > 0} fallback={<p class="muted">No orders yet.</p>}>
            <ul class="a-feed" data-testid="customer-orders">
              <For each={page().items}>
                {(order) => (
                  <li>
                    <A href={`/admin/orders/${order.id}`}>Order #{order.number}</A>
                    <StatusBadge status={order.status} />
                    <span>{formatMoney(order.total, order.currency)}</span>
                    <small class="muted">{formatDateTime(order.createdAt)}</small>
                  </li>
                )}
              </For>
            </ul>
            <Show when={page().nextCursor}>
              <p>
                <A href={`/admin/orders?userId=${props.userId}`}>All orders of {props.username}</A>
              </p>
            </Show>
          </Show>
        )}
      </Async>
    </div>
  );
}
