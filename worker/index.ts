import { routePartykitRequest } from "partyserver";
import { createApp } from "./app.ts";
import type { Bindings } from "./env.ts";
import { runScheduledJobs } from "./jobs.ts";

export { CatalogRoom } from "../realtime/catalog-room.ts";

const app = createApp();

/** Rooms served under /parties/<room>/<name>; anything else there is the API's JSON 404. */
const roomPrefixes = ["/parties/catalog/"];

export default {
  async fetch(request, env, ctx) {
    const { pathname } = new URL(request.url);
    if (roomPrefixes.some((prefix) => pathname.startsWith(prefix))) {
      const room = await routePartykitRequest(request, env);
      if (room) return room;
    }
    return app.fetch(request, env, ctx);
  },
  async scheduled(_controller, env, ctx) {
    ctx.waitUntil(runScheduledJobs(env));
  },
} satisfies ExportedHandler<Bindings>;
