import { z } from "@hono/zod-openapi";

export const ticketSchema = z.object({ ticket: z.string(), expiresAt: z.string() }).openapi("Ticket");
