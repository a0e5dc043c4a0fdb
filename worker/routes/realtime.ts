import { createRouter } from "../lib/create-router.ts";
import { errorResponses, jsonContent } from "../lib/openapi.ts";
import { actorOf, route } from "../middleware/access.ts";
import { ticketSchema } from "../schemas/realtime.ts";
import { ticketFor } from "../services/realtime.service.ts";

export const realtimeRouter = createRouter().openapi(
  route("signedIn", {
    method: "post",
    path: "/realtime/ticket",
    tags: ["Realtime"],
    summary: "A 60-second ticket for opening my shopper room (or, for staff, the dashboard)",
    responses: { 200: jsonContent(ticketSchema, "The ticket"), ...errorResponses },
  }),
  async (c) => {
    c.header("Cache-Control", "no-store");
    return c.json(await ticketFor(actorOf(c)), 200);
  },
);
