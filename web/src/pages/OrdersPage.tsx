import { A, createAsync } from "@solidjs/router";
import { For, Show } from "solid-js";
import { formatMoney } from "../lib/money.ts";
import { getOrders } from "../lib/orders.ts";

export default function OrdersPage() {
  const orders = createAsync(() => getOrders());
  return (
    <section class="narrow wide">
      <h1>Your orders</h1>
      <Show when={orders()} fallback={<p class="muted">Loading…</p>}>
        {(list) => (
          <Show when={list().items.length > 0} fallback={<p class="muted">No orders yet.</p>}>
            <ul class="cart-lines">
              <For each={list().items}>
                {(order) => (
                  <li class="cart-line">
                    <A href={`/orders/${order.id}`}>Order {order.id.slice(0, 8)}</A>
                    <span class={`status status-${order.status}`}>{order.status.replace("_", " ")}</span>
                    <span>{formatMoney(order.total, order.currency)}</span>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        )}
      </Show>
    </section>
  );
}
