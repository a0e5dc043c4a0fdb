import { routePartykitRequest } from "partyserver";
import { promotionsRoom } from "../realtime/notify.ts";
import { identityHeaders } from "../realtime/room.ts";
import { createApp } from "./app.ts";
import type { Bindings } from "./env.ts";
import { runScheduledJobs } from "./jobs.ts";
import { errorJson } from "./lib/errors.ts";
import { timingSafeEqual } from "./lib/password.ts";
import { orderKey, verifyTicket } from "./lib/tokens.ts";

export { CatalogRoom } from "../realtime/catalog-room.ts";
export { DashboardRoom } from "../realtime/dashboard-room.ts";
export { OrderRoom } from "../realtime/order-room.ts";
export { ShopperRoom } from "../realtime/shopper-room.ts";

const app = createApp();

const roomId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Rooms under /parties/<room>/<name>; anything else there is the API's JSON 404. */
const roomPrefixes = ["/parties/catalog/", "/parties/shopper/", "/parties/dashboard/", "/parties/order/"];

/**
 * Checks a socket's ticket before the upgrade: shoppers join only their own room, staff and admins
 * the dashboard; the catalog is public, and a guest's order opens with its key. The verified identity travels to the room as headers.
 */
async function admit(request: Request, env: Bindings, room: { className: string; name: string }) {
  if (room.className === "Catalog") {
    // A room per product, and the shop's promotions room: other names open no room.
    return roomId.test(room.name) || room.name === promotionsRoom
      ? request
      : errorJson(404, "not_found", "No such room.");
  }
  if (room.className === "Order") {
    // A guest's order: its key opens its room, as it opens the order (no account, no ticket).
    const key = new URL(request.url).searchParams.get("key") ?? "";
    const expected = roomId.test(room.name) ? await orderKey(env.OTP_SECRET, room.name) : null;
    const same =
      expected !== null && timingSafeEqual(new TextEncoder().encode(expected), new TextEncoder().encode(key));
    return same ? request : errorJson(404, "not_found", "No such room.");
  }
  const ticket = new URL(request.url).searchParams.get("ticket");
  if (!ticket) return errorJson(401, "unauthenticated", "A ticket from POST /api/v1/realtime/ticket is required.");
  let claims: Awaited<ReturnType<typeof verifyTicket>>;
  try {
    claims = await verifyTicket(env, ticket);
  } catch {
    return errorJson(401, "invalid_token", "The ticket is invalid or expired.");
  }
  const allowed =
    room.className === "Shopper"
      ? claims.sub === room.name
      : room.className === "Dashboard" && claims.role !== "customer";
  if (!allowed) return errorJson(403, "forbidden", "This ticket does not open this room.");
  // The ticket's claims travel to the room, which checks them against Postgres with its first read:
  // a session that ended (sign-out, a new role, deactivation) since the ticket was issued is closed there.
  const admitted = new Request(request);
  admitted.headers.set(identityHeaders.user, claims.sub);
  admitted.headers.set(identityHeaders.session, typeof claims.sid === "string" ? claims.sid : "none");
  admitted.headers.set(identityHeaders.epoch, String(claims.ep ?? 0));
  admitted.headers.set(identityHeaders.role, claims.role);
  return admitted;
}

export default {
  async fetch(request, env, ctx) {
    const { pathname } = new URL(request.url);
    if (roomPrefixes.some((prefix) => pathname.startsWith(prefix))) {
      const room = await routePartykitRequest(request, env, {
        onBeforeConnect: (req, lobby) => admit(req, env, lobby),
      });
      if (room) return room;
    }
    return app.fetch(request, env, ctx);
  },
  async scheduled(_controller, env, ctx) {
    ctx.waitUntil(runScheduledJobs(env, (work) => ctx.waitUntil(work)));
  },
} satisfies ExportedHandler<Bindings>;
