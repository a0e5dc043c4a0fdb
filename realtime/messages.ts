import { z } from "zod";
import type { Cart } from "../worker/schemas/cart.ts";
import type { Order } from "../worker/schemas/orders.ts";

/**
 * Every message the rooms send and accept, shared by the rooms and the web client. Each carries the
 * room's `version`, which grows with every message, so a client drops anything older than it applied.
 */

export interface CouponView {
  code: string;
  title: string;
  kind: "percent" | "fixed";
  value: number;
  expiresAt: string;
  remainingUses: number;
}

export interface LiveStats {
  ordersToday: number;
  revenueToday: number;
  pendingOrders: number;
  lowStockCount: number;
  activeShoppers: number;
  currency: string;
}

const version = z.number().int().nonnegative();
const object = <T>(check: (value: Record<string, unknown>) => boolean) =>
  z.custom<T>((value) => typeof value === "object" && value !== null && check(value as Record<string, unknown>));
const cart = object<Cart>((v) => Number.isInteger(v.version) && Array.isArray(v.items));
const order = object<Order>((v) => typeof v.id === "string" && typeof v.status === "string");
const coupons = object<CouponView[]>((v) => Array.isArray(v));
const stats = object<LiveStats>((v) => Number.isInteger(v.ordersToday));
const serverTime = z.string();
const error = z.object({ type: z.literal("error"), version, code: z.string(), message: z.string() });
const pong = z.object({ type: z.literal("pong"), version, serverTime });

export const shopperMessageSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("snapshot"), version, cart, coupons: z.array(z.unknown()).pipe(coupons), serverTime }),
  z.object({ type: z.literal("cart"), version, cart }),
  z.object({ type: z.literal("coupons"), version, coupons: z.array(z.unknown()).pipe(coupons), serverTime }),
  z.object({ type: z.literal("order"), version, order }),
  pong,
  error,
]);

export const dashboardMessageSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("snapshot"), version, stats }),
  z.object({ type: z.literal("stats"), version, stats }),
  z.object({ type: z.literal("order"), version, order }),
  z.object({
    type: z.literal("low_stock"),
    version,
    product: z.object({ id: z.string(), name: z.string(), stockQty: z.number().int(), threshold: z.number().int() }),
  }),
  z.object({
    type: z.literal("comment"),
    version,
    comment: z.object({ id: z.string(), kind: z.string(), body: z.string() }),
  }),
  pong,
  error,
]);

export const catalogMessageSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("welcome"), version }),
  z.object({ type: z.literal("stock"), version, productId: z.string(), stockQty: z.number().int().nonnegative() }),
  error,
]);

/** What clients may send: a ping, answered with the server's clock (for countdowns), and nothing else. */
export const clientMessageSchema = z.object({ type: z.literal("ping") });

export type ShopperMessage = z.infer<typeof shopperMessageSchema>;
export type DashboardMessage = z.infer<typeof dashboardMessageSchema>;
export type CatalogMessage = z.infer<typeof catalogMessageSchema>;

/** Messages without their version: the room stamps it when it sends. */
export type Unversioned<T> = T extends unknown ? Omit<T, "version"> : never;
export type ShopperEvent = Unversioned<Exclude<ShopperMessage, { type: "snapshot" | "pong" | "error" }>>;
export type DashboardEvent = Unversioned<Exclude<DashboardMessage, { type: "snapshot" | "pong" | "error" }>>;
export type CatalogEvent = Unversioned<Extract<CatalogMessage, { type: "stock" }>>;

/** Rooms accept no frame larger than this from a client. */
export const maxClientFrameBytes = 4_096;
