import {
  disconnectSockets,
  notifyDashboard,
  notifyOrder,
  notifyShopper,
  publishPromotions,
  publishToCatalog,
} from "../../realtime/notify.ts";
import type { Bindings } from "../bindings.ts";
import { getCart } from "../services/cart.service.ts";
import { myCoupons } from "../services/coupons.service.ts";
import { orderById } from "../services/orders.service.ts";
import { liveStats } from "../services/stats.service.ts";
import type { ContextHandle, ShopContext } from "./context.ts";
import type { Live } from "./live.ts";

/**
 * The rooms' side of committed changes. Each push runs after the response (in `waitUntil`) and
 * reads what it sends from Postgres through a context of its own, closed when the push is done.
 */
export function createLive(
  env: Bindings,
  waitUntil: (work: Promise<unknown>) => void,
  openContext: () => ContextHandle,
): Live {
  const withContext = (work: (ctx: ShopContext) => Promise<unknown>) => {
    const handle = openContext();
    waitUntil(
      work(handle.ctx)
        .catch((error) =>
          console.error(JSON.stringify({ level: "warn", message: "live update failed", error: String(error) })),
        )
        .finally(() => handle.close()),
    );
  };

  const pushOrders = async (ctx: ShopContext, orderIds: string[], committedAt = Date.now()) => {
    for (const id of orderIds) {
      const order = await orderById(ctx, id);
      if (!order) continue;
      const { userId, username: _, guestEmail: __, guestPhone: ___, ...own } = order;
      await Promise.all([
        userId
          ? notifyShopper(env, userId, { type: "order", order: own, committedAt })
          : notifyOrder(env, id, { type: "order", order: own, committedAt }),
        notifyDashboard(env, { type: "order", order, committedAt }),
      ]);
    }
    await notifyDashboard(env, { type: "stats", stats: await liveStats(ctx) });
  };

  return {
    cart(userId, cart) {
      // Called right after the change committed: the room relays when, so clients (and benchmarks) see the delay.
      const committedAt = Date.now();
      if (cart) waitUntil(notifyShopper(env, userId, { type: "cart", cart, committedAt }));
      else
        withContext(async (ctx) =>
          notifyShopper(env, userId, { type: "cart", cart: await getCart(ctx, userId), committedAt }),
        );
    },
    coupons(userId) {
      withContext(async (ctx) => {
        const coupons = await myCoupons(ctx, userId);
        await notifyShopper(env, userId, { type: "coupons", coupons: coupons.items, serverTime: coupons.serverTime });
      });
    },
    orders(orderIds) {
      const committedAt = Date.now();
      if (orderIds.length > 0) withContext((ctx) => pushOrders(ctx, orderIds, committedAt));
    },
    checkout(userId, orderId, stock) {
      const committedAt = Date.now();
      withContext(async (ctx) => {
        if (userId) {
          const [cart, coupons] = await Promise.all([getCart(ctx, userId), myCoupons(ctx, userId)]);
          await notifyShopper(
            env,
            userId,
            { type: "cart", cart, committedAt },
            { type: "coupons", coupons: coupons.items, serverTime: coupons.serverTime },
          );
        }
        await pushOrders(ctx, [orderId], committedAt);
        const low = stock.filter((line) => line.stockQty < line.threshold);
        if (low.length > 0) {
          await notifyDashboard(
            env,
            ...low.map((line) => ({
              type: "low_stock" as const,
              product: { id: line.productId, name: line.name },
              variant: {
                id: line.variantId,
                title: line.variantTitle,
                sku: line.sku,
                stockQty: line.stockQty,
                threshold: line.threshold,
              },
            })),
          );
        }
        await publishToCatalog(
          env,
          ...stock.map((line) => ({
            type: "stock" as const,
            productId: line.productId,
            variantId: line.variantId,
            stockQty: line.stockQty,
          })),
        );
      });
    },
    disconnect(userId, target, reason) {
      waitUntil(disconnectSockets(env, userId, target, reason));
    },
    comment(comment) {
      waitUntil(notifyDashboard(env, { type: "comment", comment }));
    },
    promotions() {
      waitUntil(publishPromotions(env, { type: "promotions", changedAt: Date.now() }));
    },
  };
}
