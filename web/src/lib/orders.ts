import type { Order } from "../../../worker/schemas/orders.ts";
import { authed } from "./session.ts";

export type { Order };

export interface ShippingAddress {
  name: string;
  line1: string;
  city: string;
  postalCode: string;
  country: string;
  phone?: string;
}

export const getOrders = () => authed<{ items: Order[]; nextCursor: string | null }>("/orders");
export const getOrder = (id: string) => authed<Order>(`/orders/${id}`);
export const cancelOrder = (id: string) => authed<Order>(`/orders/${id}/cancel`, { method: "POST" });
export const startPayment = (id: string) =>
  authed<{ paymentId: string; gateway: string; redirectUrl: string }>(`/orders/${id}/payment`, { method: "POST" });

export const previewCoupon = (code: string) =>
  authed<{ subtotal: number; discount: number; tax: number; shipping: number; total: number; currency: string }>(
    "/coupons/preview",
    {
      method: "POST",
      body: JSON.stringify({ code }),
    },
  );

export const placeOrder = (body: { couponCode?: string; shippingAddress: ShippingAddress }, idempotencyKey: string) =>
  authed<Order>("/checkout", {
    method: "POST",
    body: JSON.stringify(body),
    headers: { "idempotency-key": idempotencyKey },
  });

export const myCoupons = () =>
  authed<{
    items: { code: string; title: string; kind: string; value: number; expiresAt: string; remainingUses: number }[];
    serverTime: string;
  }>("/coupons");
