import { A } from "@solidjs/router";
import { For } from "solid-js";
import { formatMoney } from "../../lib/money.ts";
import { StatusBadge } from "../components/StatusBadge.tsx";
import { formatDateTime } from "../lib/orders.ts";
import type { StaffOrder } from "../lib/types.ts";

/** Orders as staff list them: a box to select each, id, when, whose, how many items, total and status. */
export function OrdersTable(props: {
  orders: StaffOrder[];
  selected: Set<string>;
  onSelect: (ids: string[], on: boolean) => void;
}) {
  const all = () => props.orders.length > 0 && props.orders.every((o) => props.selected.has(o.id));
  return (
    <table class="a-table" data-testid="orders-table">
      <thead>
        <tr>
          <th scope="col" class="a-check">
            <input
              type="checkbox"
              class="a-checkbox"
              aria-label="Select all orders on this page"
              checked={all()}
              onChange={(e) =>
                props.onSelect(
                  props.orders.map((o) => o.id),
                  e.currentTarget.checked,
                )
              }
            />
          </th>
          <th scope="col">Order</th>
          <th scope="col">Placed</th>
          <th scope="col">Customer</th>
          <th scope="col">Items</th>
          <th scope="col">Total</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        <For each={props.orders}>
          {(order) => (
            <tr data-testid="order-row" classList={{ "a-selected": props.selected.has(order.id) }}>
              <td class="a-check">
                <input
                  type="checkbox"
                  class="a-checkbox"
                  aria-label={`Select order #${order.number}`}
                  checked={props.selected.has(order.id)}
                  onChange={(e) => props.onSelect([order.id], e.currentTarget.checked)}
                />
              </td>
              <td data-label="Order">
                <A href={`/admin/orders/${order.id}`}>
                  <span class="visually-hidden">Order </span>#{order.number}
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
  );
}
