import type { Cart } from "../schemas/cart.ts";

/** A variant's stock after a committed change, and the level under which staff want to hear of it. */
export interface StockChange {
  productId: string;
  name: string;
  variantId: string;
  variantTitle: string;
  sku: string;
  stockQty: number;
  threshold: number;
}

/**
 * Pushes committed changes to the realtime rooms, after the response and off the request's path.
 * Call it only once the change has committed: Postgres is the source of truth.
 */
export interface Live {
  cart(userId: string, cart?: Cart): void;
  coupons(userId: string): void;
  orders(orderIds: string[]): void;
  /** An order was placed: by a signed-in shopper (their cart and coupons changed too), or by a guest (null). */
  checkout(userId: string | null, orderId: string, stock: StockChange[]): void;
  disconnect(userId: string, target: { sessionId: string } | { userId: string }, reason: string): void;
  comment(comment: { id: string; kind: "suggestion" | "criticism"; body: string }): void;
  /** A promotion was created, changed, paused or resumed: every open cart prices itself again. */
  promotions(): void;
}
