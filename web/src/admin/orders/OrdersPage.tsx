import { useSearchParams } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { createStore } from "solid-js/store";
import { read, setOnly } from "../../lib/http.ts";
import { api } from "../../lib/session.ts";
import { LiveBadge } from "../components/LiveBadge.tsx";
import { ListState } from "../components/State.tsx";
import { createPaged } from "../lib/data.ts";
import { endOfDay, startOfDay } from "../lib/dates.ts";
import { onDashboard } from "../lib/live.ts";
import { orderStatuses } from "../lib/orders.ts";
import { pageTitle } from "../lib/role.ts";
import type { OrderStatus, StaffOrder } from "../lib/types.ts";
import { type OrderFilterDraft, OrderFilters } from "./OrderFilters.tsx";
import { OrdersTable } from "./OrdersTable.tsx";

type Params = { status?: string; from?: string; to?: string; q?: string; userId?: string };

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const isStatus = (value: string | undefined): value is OrderStatus => orderStatuses.includes(value as OrderStatus);

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

  const filters = () => ({
    q: params.q?.trim() || undefined,
    status: isStatus(params.status) ? params.status : undefined,
    from: params.from ? startOfDay(params.from) : undefined,
    to: params.to ? endOfDay(params.to) : undefined,
    userId: params.userId && uuid.test(params.userId) ? params.userId : undefined,
  });
  const filtered = () => Object.values(filters()).some((value) => value !== undefined);

  const list = createPaged<StaffOrder>(
    (cursor) => read(api.admin.orders.$get({ query: setOnly({ ...filters(), limit: "20", cursor }) })),
    () => JSON.stringify(filters()),
  );

  // Orders change live: a listed order shows its new status at once; new ones are announced.
  onDashboard((message) => {
    if (message.type !== "order") return;
    const order = message.order;
    if (list.items().some((o) => o.id === order.id)) {
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
    void list.reload();
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
          {list.items()[0] ? ` (${list.items()[0].username})` : ""}.{" "}
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
