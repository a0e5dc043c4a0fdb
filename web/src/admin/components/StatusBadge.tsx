import { statusLabels } from "../lib/orders.ts";
import type { OrderStatus } from "../lib/types.ts";

export function StatusBadge(props: { status: OrderStatus; testid?: string }) {
  return (
    <span class={`status status-${props.status}`} data-testid={props.testid}>
      {statusLabels[props.status]}
    </span>
  );
}
