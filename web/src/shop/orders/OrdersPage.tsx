import { A, createAsync } from "@solidjs/router";
import { createEffect, createSignal, For, on, Show } from "solid-js";
import { describeError } from "../../components/FormError.tsx";
import { LiveState } from "../../components/LiveState.tsx";
import { orderUpdate } from "../../lib/live.ts";
import { formatMoney } from "../../lib/money.ts";
import { getOrders, type Order, statusLabels } from "./orders.ts";

const lastChange = (order: Order) => Date.parse(order.events.at(-1)?.at ?? order.createdAt);
/** The live copy of an order unless the one read is further along. */
const newer = (live: Order | undefined, read: Order) => (live && lastChange(live) >= lastChange(read) ? live : read);

/**
 * My orders, newest first and page by page. The shopper's room keeps them live: an order that moves
 * on (paid, shipped, expired…) shows its new status at once, and a new one joins the top.
 */
export default function OrdersPage() {
  const first = createAsync(() => getOrders());
  const [more, setMore] = createSignal<Order[]>([]);
  const [cursor, setCursor] = createSignal<string | null | undefined>(undefined);
  const [live, setLive] = createSignal<ReadonlyMap<string, Order>>(new Map());
  const [moreError, setMoreError] = createSignal<unknown>();
  const [loadingMore, setLoadingMore] = createSignal(false);

  // Only what arrives while the page is open: an update from before it is no newer than the read.
  createEffect(
    on(
      orderUpdate,
      (update) => {
        if (update) setLive((map) => new Map(map).set(update.id, update));
      },
      { defer: true },
    ),
  );

  const nextCursor = () => (cursor() === undefined ? first()?.nextCursor : cursor());
  const listed = () => [...(first()?.items ?? []), ...more()];
  /** The listed orders as they are now, with orders that are new since the page loaded on top. */
  const shown = () => {
    const known = new Set(listed().map((order) => order.id));
    const fresh = [...live().values()].filter((order) => !known.has(order.id));
    fresh.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
    return [...fresh, ...listed().map((order) => newer(live().get(order.id), order))];
  };

  const loadMore = async () => {
    const next = nextCursor();
    if (!next) return;
    setLoadingMore(true);
    setMoreError(undefined);
    try {
      const page = await getOrders(next);
      setMore((list) => [...list, ...page.items]);
      setCursor(page.nextCursor);
    } catch (failure) {
      setMoreError(failure);
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <section class="narrow wide">
      <div class="title-row">
        <h1>Your orders</h1>
        <LiveState />
      </div>
      <Show
        when={first()}
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
            <For each={shown()}>
              {(order) => (
                <li class="cart-line" data-testid="order-row">
                  <A href={`/orders/${order.id}`}>Order {order.id.slice(0, 8)}</A>
                  <span class={`status status-${order.status}`} data-testid="order-row-status">
                    {statusLabels[order.status]}
                  </span>
                  <span>{formatMoney(order.total, order.currency)}</span>
                </li>
              )}
            </For>
          </ul>
          <Show when={moreError()}>
            <p class="form-error" role="alert">
              Could not load more orders. {describeError(moreError())}
            </p>
          </Show>
          <Show when={nextCursor()}>
            <button type="button" class="button secondary load-more" disabled={loadingMore()} onClick={loadMore}>
              {loadingMore() ? "Loading…" : "Load more"}
            </button>
          </Show>
        </Show>
      </Show>
    </section>
  );
}
