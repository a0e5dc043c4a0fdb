import { routePartykitRequest } from "partyserver";
import { createApp } from "./app.ts";
import type { Bindings } from "./env.ts";

export { CatalogRoom } from "../realtime/catalog-room.ts";

const app = createApp();

export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    if (url.pathname.startsWith("/parties/")) {
      const room = await routePartykitRequest(request, env);
      if (room) return room;
    }
    return app.fetch(request, env, ctx);
  },
} satisfies ExportedHandler<Bindings>;
