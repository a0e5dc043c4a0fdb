import type { Bindings } from "../bindings.ts";
import { getCart } from "../services/cart.service.ts";
import { myCoupons } from "../services/coupons.service.ts";
import { currentOrder, shopperView } from "../services/orders.service.ts";
import { liveStats } from "../services/stats.service.ts";
import type { ShopContext } from "./context.ts";
import { createContext } from "./create-context.ts";
import { admitted, Session, type SessionClaims } from "./session.ts";

/**
 * What the rooms read from Postgres, each read with a context of its own that it closes. With a
 * socket's session, its check rides with the first statement (or runs alone if none was made), and
 * a session that ended fails the read with the check's refusal.
 */
async function reading<T>(env: Bindings, read: (ctx: ShopContext) => Promise<T>, session?: Session): Promise<T> {
  const handle = createContext(env);
  handle.ctx.session = session;
  try {
    const result = await read(handle.ctx);
    await session?.user(handle.ctx);
    return result;
  } finally {
    await handle.close();
  }
}

/** A shopper's cart and coupons, for the snapshot a socket gets on connect, once its session is checked. */
export const shopperSnapshot = (env: Bindings, userId: string, socket: SessionClaims) =>
  reading(
    env,
    async (ctx) => {
      const [cart, coupons] = await Promise.all([getCart(ctx, userId), myCoupons(ctx, userId)]);
      return { cart, coupons };
    },
    new Session(socket, admitted.signedIn),
  );

/** A guest's order as it is now (its reservation expired first if it ran out), for its room's snapshot. */
export const guestOrderSnapshot = (env: Bindings, orderId: string) =>
  reading(env, async (ctx) => {
    const order = await currentOrder(ctx, orderId);
    return order && shopperView(order);
  });

/** A shopper's usable coupons, for the alarm at the next expiry. */
export const shopperCoupons = (env: Bindings, userId: string) => reading(env, (ctx) => myCoupons(ctx, userId));

/** The dashboard's counters; with a socket's session, once it is checked to be staff's still. */
export const dashboardStats = (env: Bindings, socket?: SessionClaims) =>
  reading(env, (ctx) => liveStats(ctx), socket && new Session(socket, admitted.staff));

/** Checks alone that a socket's session is still staff's (the room had fresh stats to send). */
export const checkDashboardSession = (env: Bindings, socket: SessionClaims) =>
  reading(env, async () => undefined, new Session(socket, admitted.staff));
