import { useSearchParams } from "@solidjs/router";
import { createSignal, Show, Suspense } from "solid-js";
import { createStore } from "solid-js/store";
import { createPagedList } from "../../lib/data.ts";
import { LiveBadge } from "../components/LiveBadge.tsx";
import { ListState } from "../components/State.tsx";
import { onDashboard } from "../lib/live.ts";
import { pageTitle } from "../lib/role.ts";
import { type OrderFilterDraft, OrderFilters } from "./OrderFilters.tsx";
import { OrdersTable } from "./OrdersTable.tsx";
import { getOrdersPage, orderFilters } from "./orders.ts";

/** The route's preload: the page's reads, started with the navigation. */
export { preloadOrders as preload } from "./orders.ts";

type Params = { status?: string; from?: string; to?: string; q?: string; userId?: string };

export default function OrdersPage() {
  pageTitle("Orders");
  const [params, setParams] = useSearchParams<Params>();
  const [draft, setDraft] = createStore<OrderFilterDraft>({
    q: params.q ?? "",
    status: params.status ?? "",
    from: params.from ?? "",
    to: params.to ?? "",
  });
  const [arrived, setArrived] = createSignal<string[]>([]);

  const filters = () => orderFilters(params);
  const filtered = () => Object.values(filters()).some((value) => value !== undefined);
  const list = createPagedList(getOrdersPage, filters);
  const listed = list.loaded;

  // Orders change live: a listed order shows its new status at once; new ones are announced.
  onDashboard((message) => {
    if (message.type !== "order") return;
    const order = message.order;
    if (listed().some((o) => o.id === order.id)) {
      list.update((items) => items.map((o) => (o.id === order.id ? { ...o, ...order } : o)));
    } else if (!arrived().includes(order.id)) {
      setArrived((ids) => [...ids, order.id]);
    }
  });

  const apply = (event: SubmitEvent) => {
    event.preventDefault();
    setArrived([]);
    setParams({
      q: draft.q.trim() || undefined,
      status: draft.status || undefined,
      from: draft.from || undefined,
      to: draft.to || undefined,
    });
  };
  const clear = () => {
    setDraft({ q: "", status: "", from: "", to: "" });
    setArrived([]);
    setParams({ q: undefined, status: undefined, from: undefined, to: undefined, userId: undefined });
  };
  const showNew = () => {
    setArrived([]);
    void list.refresh();
  };

  return (
    <section>
      <div class="a-title">
        <h1>Orders</h1>
        <LiveBadge />
      </div>
      <OrderFilters
        draft={draft}
        set={(field) => (value) => setDraft(field, value)}
        filtered={filtered()}
        onApply={apply}
        onClear={clear}
      />
      <Show when={filters().userId}>
        <p class="a-banner">
          Showing the orders of one customer
          {/* The customer's name comes with the list: nothing of it shows until then. */}
          <Suspense>{listed()[0] ? ` (${listed()[0].username})` : ""}</Suspense>.{" "}
          <button type="button" class="link" onClick={() => setParams({ userId: undefined })}>
            Show everyone's orders
          </button>
        </p>
      </Show>
      <Show when={arrived().length > 0}>
        <p class="a-banner" role="status">
          {arrived().length === 1 ? "1 order changed or arrived" : `${arrived().length} orders changed or arrived`}{" "}
          since this list loaded.{" "}
          <button type="button" class="link" onClick={showNew}>
            Show the latest
          </button>
        </p>
      </Show>
      <ListState
        list={list}
        what="orders"
        empty={filtered() ? <p>No orders match these filters.</p> : <p>No orders yet.</p>}
      >
        {(items) => <OrdersTable orders={items()} />}
      </ListState>
    </section>
  );
}
