import type { OrderEvent, OrderStatus } from "./types.ts";

export const statusLabels: Record<OrderStatus, string> = {
  pending_payment: "Awaiting payment",
  paid: "Paid",
  processing: "Processing",
  shipped: "Shipped",
  delivered: "Delivered",
  canceled: "Canceled",
  refunded: "Refunded",
};

export const orderStatuses = Object.keys(statusLabels) as OrderStatus[];

/** The moves staff make with one button from each status (shipping has its form: see `shippable`). */
export const staffMoves: Partial<Record<OrderStatus, { to: "processing" | "delivered"; label: string }>> = {
  paid: { to: "processing", label: "Start processing" },
  shipped: { to: "delivered", label: "Mark as delivered" },
};

/** The statuses an order ships from (a paid one is processed on the way). */
export const shippable: readonly OrderStatus[] = ["paid", "processing"];

export const refundable: readonly OrderStatus[] = ["paid", "processing"];

export const actorLabels: Record<OrderEvent["actor"], string> = {
  customer: "the customer",
  staff: "staff",
  system: "the shop",
  gateway: "the payment gateway",
};

export const shortId = (id: string) => id.slice(0, 8);

export const formatDateTime = (iso: string) =>
  new Date(iso).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short" });

export const formatDate = (iso: string) => new Date(iso).toLocaleDateString("en-US", { dateStyle: "medium" });
