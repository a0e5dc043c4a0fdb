import type { Database } from "../../db/client.ts";
import { disconnectSockets, notifyDashboard, notifyShopper, publishToCatalog } from "../../realtime/notify.ts";
import type { Bindings } from "../env.ts";
import { lazyServices } from "../middleware/services.ts";
import { findOrder, type ReservedLine } from "../repositories/orders.repository.ts";
import type { Cart } from "../schemas/cart.ts";
import { getCart } from "./cart.service.ts";
import { myCoupons } from "./coupons.service.ts";
import { toOrder } from "./orders.service.ts";
import { liveStats } from "./stats.service.ts";

/**
 * Pushes committed changes to the rooms, after the response, off the request's path. Each push
 * reads what it sends from Postgres with its own connection (the request's pool is closed by then).
 */
export interface Live {
  cart(userId: string, cart?: Cart): void;
  coupons(userId: string): void;
  orders(orderIds: string[]): void;
  checkout(userId: string, orderId: string, reserved: ReservedLine[]): void;
  disconnect(userId: string, target: { sessionId: string } | { userId: string }, reason: string): void;
  comment(comment: { id: string; kind: string; body: string }): void;
}

export function createLive(env: Bindings, waitUntil: (work: Promise<unknown>) => void): Live {
  const withDb = (work: (db: Database) => Promise<unknown>) => {
    const handle = lazyServices(env);
    waitUntil(
      work(handle.services.db)
        .catch((error) =>
          console.error(JSON.stringify({ level: "warn", message: "live update failed", error: String(error) })),
        )
        .finally(() => handle.close()),
    );
  };

  const pushOrders = async (db: Database, orderIds: string[]) => {
    for (const id of orderIds) {
      const view = await findOrder(db, id);
      if (!view) continue;
      const order = toOrder(view);
      await Promise.all([
        notifyShopper(env, view.user_id, { type: "order", order }),
        notifyDashboard(env, { type: "order", order }),
      ]);
    }
    await notifyDashboard(env, { type: "stats", stats: await liveStats(db, env.CURRENCY) });
  };

  return {
    cart(userId, cart) {
      if (cart) waitUntil(notifyShopper(env, userId, { type: "cart", cart }));
      else
        withDb(async (db) =>
          notifyShopper(env, userId, { type: "cart", cart: await getCart(db, userId, env.CURRENCY) }),
        );
    },
    coupons(userId) {
      withDb(async (db) => {
        const coupons = await myCoupons(db, userId, env.CURRENCY);
        await notifyShopper(env, userId, { type: "coupons", coupons: coupons.items, serverTime: coupons.serverTime });
      });
    },
    orders(orderIds) {
      if (orderIds.length > 0) withDb((db) => pushOrders(db, orderIds));
    },
    checkout(userId, orderId, reserved) {
      withDb(async (db) => {
        const [cart, coupons] = await Promise.all([
          getCart(db, userId, env.CURRENCY),
          myCoupons(db, userId, env.CURRENCY),
        ]);
        await notifyShopper(
          env,
          userId,
          { type: "cart", cart },
          { type: "coupons", coupons: coupons.items, serverTime: coupons.serverTime },
        );
        await pushOrders(db, [orderId]);
        const low = reserved.filter((line) => line.stock_qty < line.low_stock_threshold);
        if (low.length > 0) {
          await notifyDashboard(
            env,
            ...low.map((line) => ({
              type: "low_stock" as const,
              product: {
                id: line.product_id,
                name: line.name,
                stockQty: line.stock_qty,
                threshold: line.low_stock_threshold,
              },
            })),
          );
        }
        await publishToCatalog(
          env,
          ...reserved.map((line) => ({ type: "stock" as const, productId: line.product_id, stockQty: line.stock_qty })),
        );
      });
    },
    disconnect(userId, target, reason) {
      waitUntil(disconnectSockets(env, userId, target, reason));
    },
    comment(comment) {
      waitUntil(notifyDashboard(env, { type: "comment", comment }));
    },
  };
}
