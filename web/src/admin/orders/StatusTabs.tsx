import { useLocation } from "@solidjs/router";
import { For } from "solid-js";
import { orderStatuses, statusLabels } from "../lib/orders.ts";
import type { OrderStatus } from "../lib/types.ts";

/** What each status tab says to staff: what is left to do with such orders. */
const tabLabels: Partial<Record<OrderStatus, string>> = {
  pending_payment: "To pay",
  paid: "Paid (to ship)",
};

/** The orders by status, one tab each (All first); the other filters of the address stay. */
export function StatusTabs(props: { status?: OrderStatus }) {
  const location = useLocation();
  const href = (status?: OrderStatus) => {
    const query = new URLSearchParams(location.search);
    query.delete("cursor");
    if (status) query.set("status", status);
    else query.delete("status");
    const search = query.toString();
    return `/admin/orders${search ? `?${search}` : ""}`;
  };
  const tab = (status: OrderStatus | undefined, label: string) => (
    <li>
      <a href={href(status)} aria-current={props.status === status ? "page" : undefined}>
        {label}
      </a>
    </li>
  );
  return (
    <nav aria-label="Orders by status">
      <ul class="a-tabs">
        {tab(undefined, "All")}
        <For each={orderStatuses}>{(status) => tab(status, tabLabels[status] ?? statusLabels[status])}</For>
      </ul>
    </nav>
  );
}
