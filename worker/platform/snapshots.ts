import type { Bindings } from "../bindings.ts";
import { getCart } from "../services/cart.service.ts";
import { myCoupons } from "../services/coupons.service.ts";
import { liveStats } from "../services/stats.service.ts";
import type { ShopContext } from "./context.ts";
import { createContext } from "./create-context.ts";

/** What the rooms read from Postgres, each read with a context of its own that it closes. */
async function reading<T>(env: Bindings, read: (ctx: ShopContext) => Promise<T>): Promise<T> {
  const handle = createContext(env);
  try {
    return await read(handle.ctx);
  } finally {
    await handle.close();
  }
}

/** A shopper's cart and coupons, for the snapshot a socket gets on connect. */
export const shopperSnapshot = (env: Bindings, userId: string) =>
  reading(env, async (ctx) => {
    const [cart, coupons] = await Promise.all([getCart(ctx, userId), myCoupons(ctx, userId)]);
    return { cart, coupons };
  });

/** A shopper's usable coupons, for the alarm at the next expiry. */
export const shopperCoupons = (env: Bindings, userId: string) => reading(env, (ctx) => myCoupons(ctx, userId));

/** The dashboard's counters. */
export const dashboardStats = (env: Bindings) => reading(env, (ctx) => liveStats(ctx));
