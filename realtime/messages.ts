import { z } from "zod";
import { cartSchema } from "../worker/schemas/cart.ts";
import { myCouponSchema } from "../worker/schemas/coupons.ts";
import { adminOrderSchema, orderSchema } from "../worker/schemas/orders.ts";
import { createdCommentSchema } from "../worker/schemas/reviews.ts";
import { liveStatsSchema } from "../worker/schemas/stats.ts";

/**
 * Every message the rooms send and accept, shared by the rooms and the web client, built from the
 * same schemas the HTTP routes answer. Each carries the room's `version`, which grows with every
 * message, so a client drops anything older than it applied.
 */

const version = z.number().int().nonnegative();
const cart = cartSchema;
const coupons = z.array(myCouponSchema);
const stats = liveStatsSchema;
const serverTime = z.string();
/** When the change a message carries committed (ms since the epoch, the worker's clock). */
const committedAt = z.number().int().optional();
const error = z.object({ type: z.literal("error"), version, code: z.string(), message: z.string() });
const pong = z.object({ type: z.literal("pong"), version, serverTime });

export const shopperMessageSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("snapshot"), version, cart, coupons, serverTime }),
  z.object({ type: z.literal("cart"), version, cart, committedAt }),
  z.object({ type: z.literal("coupons"), version, coupons, serverTime }),
  z.object({ type: z.literal("order"), version, order: orderSchema, committedAt }),
  pong,
  error,
]);

export const dashboardMessageSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("snapshot"), version, stats }),
  z.object({ type: z.literal("stats"), version, stats }),
  z.object({ type: z.literal("order"), version, order: adminOrderSchema, committedAt }),
  z.object({
    type: z.literal("low_stock"),
    version,
    product: z.object({ id: z.string(), name: z.string() }),
    variant: z.object({
      id: z.string(),
      title: z.string(),
      sku: z.string(),
      stockQty: z.number().int(),
      threshold: z.number().int(),
    }),
  }),
  z.object({
    type: z.literal("comment"),
    version,
    comment: createdCommentSchema.pick({ id: true, kind: true, body: true }),
  }),
  pong,
  error,
]);

/** A guest's order room: the order as it is when the socket opens, then each change of it. */
export const orderRoomMessageSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("snapshot"), version, order: orderSchema }),
  z.object({ type: z.literal("order"), version, order: orderSchema, committedAt }),
  pong,
  error,
]);

export const catalogMessageSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("welcome"), version }),
  z.object({
    type: z.literal("stock"),
    version,
    productId: z.string(),
    variantId: z.string(),
    stockQty: z.number().int().nonnegative(),
  }),
  // In the shop's promotions room: a promotion started, changed, was paused or ended; carts price again.
  z.object({ type: z.literal("promotions"), version, changedAt: committedAt }),
  error,
]);

/** What clients may send: a ping, answered with the server's clock (for countdowns), and nothing else. */
export const clientMessageSchema = z.object({ type: z.literal("ping") });

export type ShopperMessage = z.infer<typeof shopperMessageSchema>;
export type DashboardMessage = z.infer<typeof dashboardMessageSchema>;
export type CatalogMessage = z.infer<typeof catalogMessageSchema>;
export type OrderRoomMessage = z.infer<typeof orderRoomMessageSchema>;

/** Messages without their version: the room stamps it when it sends. */
export type Unversioned<T> = T extends unknown ? Omit<T, "version"> : never;
export type ShopperEvent = Unversioned<Exclude<ShopperMessage, { type: "snapshot" | "pong" | "error" }>>;
export type DashboardEvent = Unversioned<Exclude<DashboardMessage, { type: "snapshot" | "pong" | "error" }>>;
export type CatalogEvent = Unversioned<Extract<CatalogMessage, { type: "stock" }>>;
export type PromotionsEvent = Unversioned<Extract<CatalogMessage, { type: "promotions" }>>;
export type OrderRoomEvent = Unversioned<Extract<OrderRoomMessage, { type: "order" }>>;

/** Rooms accept no frame larger than this from a client. */
export const maxClientFrameBytes = 4_096;
