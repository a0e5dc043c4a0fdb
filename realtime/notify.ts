import { getServerByName } from "partyserver";
import type { Bindings } from "../worker/bindings.ts";
import type { CatalogEvent, DashboardEvent, OrderRoomEvent, PromotionsEvent, ShopperEvent } from "./messages.ts";

/** The public room every open cart and checkout listens to for changes of the shop's promotions. */
export const promotionsRoom = "promotions";

/**
 * The worker's side of the rooms. Call these only after the change has committed (Postgres is the
 * source of truth); a room that cannot be reached must not fail the request, so failures are logged.
 */
async function safely(what: string, send: () => Promise<unknown>) {
  try {
    await send();
  } catch (error) {
    console.error(JSON.stringify({ level: "warn", message: `realtime ${what} failed`, error: String(error) }));
  }
}

export function notifyShopper(env: Bindings, userId: string, ...events: ShopperEvent[]) {
  return safely("shopper", async () => {
    const room = await getServerByName(env.Shopper, userId);
    for (const event of events) await room.publish(event);
  });
}

/** A guest's order changed: every tab with its link hears of it. */
export function notifyOrder(env: Bindings, orderId: string, ...events: OrderRoomEvent[]) {
  return safely("order", async () => {
    const room = await getServerByName(env.Order, orderId);
    for (const event of events) await room.publish(event);
  });
}

export function notifyDashboard(env: Bindings, ...events: DashboardEvent[]) {
  return safely("dashboard", async () => {
    const room = await getServerByName(env.Dashboard, "main");
    for (const event of events) await room.publish(event);
  });
}

/** Each event goes to its product's room: a hot catalog is as many rooms as products watched. */
export function publishToCatalog(env: Bindings, ...events: CatalogEvent[]) {
  return safely("catalog", async () => {
    const byProduct = new Map<string, CatalogEvent[]>();
    for (const event of events) byProduct.set(event.productId, [...(byProduct.get(event.productId) ?? []), event]);
    await Promise.all(
      [...byProduct].map(async ([productId, own]) => {
        const room = await getServerByName(env.Catalog, productId);
        for (const event of own) await room.publish(event);
      }),
    );
  });
}

/** The shop's promotions changed: every open cart prices itself again. */
export function publishPromotions(env: Bindings, event: PromotionsEvent) {
  return safely("promotions", async () => {
    const room = await getServerByName(env.Catalog, promotionsRoom);
    await room.publish(event);
  });
}

/** Ends a session's sockets (logout) or all of a user's (deactivation), in both rooms they can join. */
export function disconnectSockets(
  env: Bindings,
  userId: string,
  target: { sessionId: string } | { userId: string },
  reason: string,
) {
  return safely("disconnect", async () => {
    const shopper = await getServerByName(env.Shopper, userId);
    const dashboard = await getServerByName(env.Dashboard, "main");
    await Promise.all([shopper.disconnect(target, reason), dashboard.disconnect(target, reason)]);
  });
}
