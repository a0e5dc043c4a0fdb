import { A } from "@solidjs/router";
import { Thumbnail } from "../../components/Thumbnail.tsx";
import { formatMoney } from "../../lib/money.ts";
import { type Order, statusLabels } from "./orders.ts";

const placedOn = (at: string) => new Date(at).toLocaleDateString(undefined, { dateStyle: "medium" });

/** One order in my list: its first item's picture, its number, when it was placed, how many items, status and total. */
export function OrderRow(props: { order: Order }) {
  const count = () => props.order.items.reduce((sum, item) => sum + item.quantity, 0);
  const first = () => props.order.items[0];
  return (
    <li class="cart-line order-row" data-testid="order-row">
      <Thumbnail url={first()?.imageUrl} name={first()?.name ?? ""} />
      <span class="line-name">
        <A href={`/orders/${props.order.id}`}>Order #{props.order.number}</A>
        <small class="muted">
          {placedOn(props.order.createdAt)} · {count() === 1 ? "1 item" : `${count()} items`}
        </small>
      </span>
      <span class={`status status-${props.order.status}`} data-testid="order-row-status">
        {statusLabels[props.order.status]}
      </span>
      <span>{formatMoney(props.order.total, props.order.currency)}</span>
    </li>
  );
}
