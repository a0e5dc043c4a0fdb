import { query, type RoutePreloadFuncArgs } from "@solidjs/router";
import type { InferRequestType } from "hono/client";
import { type Answer, publicApi, read } from "../../lib/http.ts";
import { api, user } from "../../lib/session.ts";

export type Order = Answer<(typeof api.orders)[":id"]["$get"]>;
export type ShippingAddress = InferRequestType<typeof api.checkout.$post>["json"]["shippingAddress"];

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

/** My orders, a page at a time; keyed by my account, so nobody sees those read for the one before. */
export const getMyOrders = query(
  (_account: string, cursor?: string) => read(api.orders.$get({ query: cursor ? { cursor } : {} })),
  "my-order-list",
);
/** One of my orders. */
export const getOrder = query(
  (_account: string, id: string) => read(api.orders[":id"].$get({ param: { id } })),
  "my-order-detail",
);

const lastChange = (order: Order) => Date.parse(order.events.at(-1)?.at ?? order.createdAt);
/** The live copy of an order unless the one read is further along. */
export const newer = (live: Order | undefined, read: Order) =>
  live && lastChange(live) >= lastChange(read) ? live : read;
export const cancelOrder = (id: string) => read(api.orders[":id"].cancel.$post({ param: { id } }));
export const startPayment = (id: string) => read(api.orders[":id"].payment.$post({ param: { id } }));
export const previewCoupon = (code: string) => read(api.coupons.preview.$post({ json: { code } }));

type CheckoutBody = InferRequestType<typeof api.checkout.$post>["json"];

export const placeOrder = (body: CheckoutBody, idempotencyKey: string) =>
  read(api.checkout.$post({ json: body, header: { "idempotency-key": idempotencyKey } }));

/** Starts the read of my orders with the navigation to them (the route's preload). */
export function preloadMyOrders() {
  const account = user()?.id;
  if (account) void getMyOrders(account);
}

/** A guest's order when the link carries its key, else the signed-in shopper's. */
export function preloadMyOrder({ params, location }: RoutePreloadFuncArgs) {
  const key = location.query.key;
  if (typeof key === "string" && key && params.id) return void getGuestOrder(params.id, key);
  const account = user()?.id;
  if (account && params.id) void getOrder(account, params.id);
}

/** A guest's order as its key opens it: the order, the email and phone it tells, and its key. */
export type GuestOrder = Answer<typeof publicApi.guest.checkout.$post>;
type GuestCheckoutBody = InferRequestType<typeof publicApi.guest.checkout.$post>["json"];

export const placeGuestOrder = (body: GuestCheckoutBody, idempotencyKey: string) =>
  read(publicApi.guest.checkout.$post({ json: body, header: { "idempotency-key": idempotencyKey } }));

/** A guest's order, opened by its key. */
export const getGuestOrder = query(
  (id: string, key: string) =>
    read(publicApi.guest.orders[":id"].$get({ param: { id }, header: { "order-key": key } })),
  "guest-order",
);
export const cancelGuestOrder = (id: string, key: string) =>
  read(publicApi.guest.orders[":id"].cancel.$post({ param: { id }, header: { "order-key": key } }));
export const payGuestOrder = (id: string, key: string) =>
  read(publicApi.guest.orders[":id"].payment.$post({ param: { id }, header: { "order-key": key } }));
/** Asks the shop to send the link to an order to the email it was placed with. */
export const requestOrderLink = (email: string, number: number) =>
  read(publicApi.guest.orders.link.$post({ json: { email, number } }));
