import type { InferRequestType } from "hono/client";
import { type Answer, read } from "../../lib/http.ts";
import { api } from "../../lib/session.ts";

export type Order = Answer<(typeof api.orders)[":id"]["$get"]>;
export type ShippingAddress = InferRequestType<typeof api.checkout.$post>["json"]["shippingAddress"];
export type MyCoupons = Answer<typeof api.coupons.$get>;

/** An order's status in the shopper's words. */
export const statusLabels: Record<Order["status"], string> = {
  pending_payment: "Awaiting payment",
  paid: "Paid",
  processing: "Being prepared",
  shipped: "Shipped",
  delivered: "Delivered",
  canceled: "Canceled",
  refunded: "Refunded",
};

export type OrderList = Answer<typeof api.orders.$get>;

export const getOrders = (cursor?: string) => read(api.orders.$get({ query: cursor ? { cursor } : {} }));
export const getOrder = (id: string) => read(api.orders[":id"].$get({ param: { id } }));
export const cancelOrder = (id: string) => read(api.orders[":id"].cancel.$post({ param: { id } }));
export const startPayment = (id: string) => read(api.orders[":id"].payment.$post({ param: { id } }));
export const previewCoupon = (code: string) => read(api.coupons.preview.$post({ json: { code } }));

export const placeOrder = (body: { couponCode?: string; shippingAddress: ShippingAddress }, idempotencyKey: string) =>
  read(api.checkout.$post({ json: body, header: { "idempotency-key": idempotencyKey } }));

export const myCoupons = () => read(api.coupons.$get());
