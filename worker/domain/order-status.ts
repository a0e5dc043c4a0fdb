/** The order's status machine: the one place that says which move is allowed. */
export const orderStatuses = [
  "pending_payment",
  "paid",
  "processing",
  "shipped",
  "delivered",
  "canceled",
  "refunded",
] as const;

export type OrderStatus = (typeof orderStatuses)[number];

const allowed: Record<OrderStatus, readonly OrderStatus[]> = {
  pending_payment: ["paid", "canceled"],
  paid: ["processing", "refunded"],
  processing: ["shipped", "refunded"],
  shipped: ["delivered"],
  delivered: [],
  canceled: [],
  refunded: [],
};

/** The statuses an order may be in for a move to `to`. */
export function sourcesOf(to: OrderStatus): OrderStatus[] {
  return orderStatuses.filter((from) => allowed[from].includes(to));
}

/** Moves that give the stock back. */
export const restocks = (to: OrderStatus) => to === "canceled" || to === "refunded";

/** Moves staff make by hand; payment, cancellation and refund have their own routes. */
export const staffMoves: readonly OrderStatus[] = ["processing", "shipped", "delivered"];
