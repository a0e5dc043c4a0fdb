import { A } from "@solidjs/router";
import { For } from "solid-js";
import { formatMoney } from "../../lib/money.ts";
import { SelectAll, SelectOne } from "../components/Selection.tsx";
import { StatusBadge } from "../components/StatusBadge.tsx";
import { formatDateTime } from "../lib/orders.ts";
import type { Selection } from "../lib/selection.ts";
import type { StaffOrder } from "../lib/types.ts";

/** Orders as staff list them: a box to select each, id, when, whose, how many items, total and status. */
export function OrdersTable(props: { orders: StaffOrder[]; selection: Selection }) {
  return (
    <table class="a-table" data-testid="orders-table">
      <thead>
        <tr>
          <SelectAll
            selection={props.selection}
            ids={props.orders.map((o) => o.id)}
            label="Select all orders on this page"
          />
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
            <tr data-testid="order-row" classList={{ "a-selected": props.selection.has(order.id) }}>
              <SelectOne selection={props.selection} id={order.id} label={`Select order #${order.number}`} />
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
