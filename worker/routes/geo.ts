import { z } from "@hono/zod-openapi";
import { isCountry } from "../domain/address.ts";
import { createRouter } from "../lib/create-router.ts";
import { jsonContent } from "../lib/openapi.ts";
import { route } from "../middleware/access.ts";

const geoSchema = z
  .object({ country: z.string().nullable().openapi({ description: "ISO 3166-1 alpha-2, or null when unknown" }) })
  .openapi("Geo");

/** Where the shopper seems to be, as the edge that received the request knows it: no database, no Redis. */
export const geoRouter = createRouter().openapi(
  route("public", {
    method: "get",
    path: "/geo",
    tags: ["Shipping"],
    summary: "The shopper's country as the edge sees it, to pre-select in address forms",
    responses: { 200: jsonContent(geoSchema, "The country, if known") },
  }),
  (c) => {
    const seen = (c.req.raw as Request & { cf?: { country?: unknown } }).cf?.country;
    c.header("Cache-Control", "private, max-age=3600");
    c.header("Vary", "CF-IPCountry");
    return c.json({ country: typeof seen === "string" && isCountry(seen) ? seen : null }, 200);
  },
);
