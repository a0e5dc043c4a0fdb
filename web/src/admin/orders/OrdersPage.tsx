import { A, useSearchParams } from "@solidjs/router";
import { createSignal, For, Show } from "solid-js";
import { read, setOnly } from "../../lib/http.ts";
import { formatMoney } from "../../lib/money.ts";
import { api } from "../../lib/session.ts";
import { InputField, SelectField } from "../components/Fields.tsx";
import { LiveBadge } from "../components/LiveBadge.tsx";
import { ListState } from "../components/State.tsx";
import { StatusBadge } from "../components/StatusBadge.tsx";
import { createPaged } from "../lib/data.ts";
import { endOfDay, startOfDay } from "../lib/dates.ts";
import { onDashboard } from "../lib/live.ts";
import { formatDateTime, orderStatuses, shortId, statusLabels } from "../lib/orders.ts";
import { pageTitle } from "../lib/role.ts";
import type { OrderStatus, StaffOrder } from "../lib/types.ts";

type Params = { status?: string; from?: string; to?: string; q?: string; userId?: string };

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const isStatus = (value: string | undefined): value is OrderStatus => orderStatuses.includes(value as OrderStatus);

export default function OrdersPage() {
  pageTitle("Orders");
  const [params, setParams] = useSearchParams<Params>();
  const [q, setQ] = createSignal(params.q ?? "");
  const [status, setStatus] = createSignal(params.status ?? "");
  const [from, setFrom] = createSignal(params.from ?? "");
  const [to, setTo] = createSignal(params.to ?? "");
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
      q: q().trim() || undefined,
      status: status() || undefined,
      from: from() || undefined,
      to: to() || undefined,
    });
  };
  const clear = () => {
    setQ("");
    setStatus("");
    setFrom("");
    setTo("");
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
      <form class="a-filters" aria-label="Filter orders" onSubmit={apply}>
        <InputField label="Order id or customer" type="search" value={q()} onInput={setQ} optional />
        <SelectField
          label="Status"
          value={status()}
          onChange={setStatus}
          choices={[
            { value: "", label: "Any status" },
            ...orderStatuses.map((s) => ({ value: s, label: statusLabels[s] })),
          ]}
        />
        <InputField label="Placed from" type="date" value={from()} onInput={setFrom} optional />
        <InputField label="Placed until" type="date" value={to()} onInput={setTo} optional hint="Includes that day" />
        <div class="a-filter-buttons">
          <button type="submit" class="button">
            Apply
          </button>
          <Show when={filtered()}>
            <button type="button" class="button secondary" onClick={clear}>
              Clear filters
            </button>
          </Show>
        </div>
      </form>
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
        {(items) => (
          <table class="a-table" data-testid="orders-table">
            <thead>
              <tr>
                <th scope="col">Order</th>
                <th scope="col">Placed</th>
                <th scope="col">Customer</th>
                <th scope="col">Items</th>
                <th scope="col">Total</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              <For each={items()}>
                {(order) => (
                  <tr data-testid="order-row">
                    <td data-label="Order">
                      <A href={`/admin/orders/${order.id}`}>
                        <span class="visually-hidden">Order </span>
                        {shortId(order.id)}
                      </A>
                    </td>
                    <td data-label="Placed">{formatDateTime(order.createdAt)}</td>
                    <td data-label="Customer" class="a-break">
                      {order.username}
                    </td>
                    <td data-label="Items">{order.items.reduce((n, item) => n + item.quantity, 0)}</td>
                    <td data-label="Total">{formatMoney(order.total, order.currency)}</td>
                    <td data-label="Status">
                      <StatusBadge status={order.status} />
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        )}
      </ListState>
    </section>
  );
}
