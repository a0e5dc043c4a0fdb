import { A } from "@solidjs/router";
import { For, Show, Suspense } from "solid-js";
import { LiveState } from "../../components/LiveState.tsx";
import { LoadMore } from "../../components/LoadMore.tsx";
import { createPagedList } from "../../lib/data.ts";
import { liveOrders } from "../../lib/live.ts";
import { user } from "../../lib/session.ts";
import { OrderRow } from "./OrderRow.tsx";
import { getMyOrders, newer } from "./orders.ts";

/**
 * My orders, newest first and page by page. The shopper's room keeps them live: an order that moves
 * on (paid, shipped, expired…) shows its new status at once, and a new one joins the top.
 */
export default function OrdersPage() {
  const opened = Date.now();
  const list = createPagedList(getMyOrders, () => user()?.id ?? "");
  /** The listed orders as they are now, with orders that are new since the page opened on top. */
  const shown = () => {
    const listed = list.items();
    const known = new Set(listed.map((order) => order.id));
    const live = liveOrders();
    const fresh = [...live.values()]
      .filter((entry) => entry.arrived >= opened && !known.has(entry.order.id))
      .map((entry) => entry.order);
    fresh.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
    return [...fresh, ...listed.map((order) => newer(live.get(order.id)?.order, order))];
  };

  return (
    <section class="narrow wide">
      <div class="title-row">
        <h1>Your orders</h1>
        <LiveState />
      </div>
      <Suspense
        fallback={
          <p class="muted" role="status">
            Loading your orders…
          </p>
        }
      >
        <Show
          when={shown().length > 0}
          fallback={
            <p class="muted">
              No orders yet. <A href="/">Go shopping</A>
            </p>
          }
        >
          <ul class="cart-lines" data-testid="orders">
            <For each={shown()}>{(order) => <OrderRow order={order} />}</For>
          </ul>
          <LoadMore list={list} label="Load more" what="orders" />
        </Show>
      </Suspense>
    </section>
  );
}
