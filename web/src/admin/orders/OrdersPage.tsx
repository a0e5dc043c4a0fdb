import { useSearchParams } from "@solidjs/router";
import { createSignal, onCleanup, Show, Suspense } from "solid-js";
import { createStore } from "solid-js/store";
import { createPagedList } from "../../lib/data.ts";
import { createForm } from "../../lib/form.ts";
import { LiveBadge } from "../components/LiveBadge.tsx";
import { ListState } from "../components/State.tsx";
import { onDashboard } from "../lib/live.ts";
import { pageTitle } from "../lib/role.ts";
import { createSelection } from "../lib/selection.ts";
import { BulkOrderBar } from "./BulkOrderBar.tsx";
import { type BulkAction, bulkSummary, runBulk } from "./bulk-orders.ts";
import { type OrderFilterDraft, OrderFilters } from "./OrderFilters.tsx";
import { OrdersTable } from "./OrdersTable.tsx";
import { getOrdersPage, orderFilters } from "./orders.ts";
import { StatusTabs } from "./StatusTabs.tsx";

/** The route's preload: the page's reads, started with the navigation. */
export { preloadOrders as preload } from "./orders.ts";

type Params = { status?: string; from?: string; to?: string; q?: string; userId?: string };

export default function OrdersPage() {
  pageTitle("Orders");
  const [params, setParams] = useSearchParams<Params>();
  const [draft, setDraft] = createStore<OrderFilterDraft>({
    q: params.q ?? "",
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

  const selection = createSelection(filters);
  const bulk = createForm();
  /** One action on the selected orders: those it took show their new status, the others stay selected. */
  const runOnSelected = (what: BulkAction) =>
    void bulk.run(async () => {
      const answer = await runBulk(selection.ids(), what);
      const moved = new Map(answer.results.flatMap((r) => (r.ok ? [[r.id, r.order] as const] : [])));
      list.update((items) => items.map((o) => moved.get(o.id) ?? o));
      selection.keep(answer.results.filter((r) => !r.ok).map((r) => r.id));
      return bulkSummary(answer);
    });

  // Filters apply as they are chosen; the text once typing pauses.
  let typing: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(typing));
  const apply = () => {
    setArrived([]);
    selection.keep();
    setParams({ q: draft.q.trim() || undefined, from: draft.from || undefined, to: draft.to || undefined });
  };
  const set = (field: keyof OrderFilterDraft) => (value: string) => {
    setDraft(field, value);
    clearTimeout(typing);
    if (field === "q") typing = setTimeout(apply, 350);
    else apply();
  };
  const clear = () => {
    clearTimeout(typing);
    setDraft({ q: "", from: "", to: "" });
    setArrived([]);
    selection.keep();
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
      <StatusTabs status={filters().status} />
      <OrderFilters draft={draft} set={set} filtered={filtered()} onClear={clear} />
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
        {(items) => (
          <>
            <BulkOrderBar selection={selection} form={bulk} onRun={runOnSelected} />
            <OrdersTable orders={items()} selection={selection} />
          </>
        )}
      </ListState>
    </section>
  );
}
