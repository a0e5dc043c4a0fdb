import { createRoute, z } from "@hono/zod-openapi";
import { createRouter } from "../lib/create-router.ts";
import { errorSchema } from "../lib/errors.ts";
import { errorResponses, jsonContent, bearer as security } from "../lib/openapi.ts";
import { currentUser } from "../middleware/auth.ts";
import { myCouponsSchema, previewSchema } from "../schemas/coupons.ts";
import { myCoupons, previewCoupon } from "../services/coupons.service.ts";

/** Mounted behind requireAuth under /coupons. */
export const couponsRouter = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      tags: ["Coupons"],
      security,
      summary: "My usable coupons with their expiry and the server's clock",
      responses: { 200: jsonContent(myCouponsSchema, "Coupons"), 401: jsonContent(errorSchema, "Not signed in") },
    }),
    async (c) => {
      c.header("Cache-Control", "no-store");
      return c.json(await myCoupons(c.get("services").db, currentUser(c).id, c.env.CURRENCY), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/preview",
      tags: ["Coupons"],
      security,
      summary: "What my cart costs with a coupon (the checkout's own pricing)",
      request: {
        body: {
          required: true,
          content: { "application/json": { schema: z.object({ code: z.string().trim().min(1).max(40) }) } },
        },
      },
      responses: {
        200: jsonContent(previewSchema, "The breakdown"),
        409: jsonContent(errorSchema, "coupon_invalid, coupon_expired, coupon_exhausted, cart_empty"),
        401: jsonContent(errorSchema, "Not signed in"),
        ...errorResponses,
      },
    }),
    async (c) => {
      const preview = await previewCoupon(
        c.get("services").db,
        currentUser(c).id,
        c.req.valid("json").code,
        Number(c.env.TAX_RATE_BPS),
        c.env.CURRENCY,
      );
      return c.json(preview, 200);
    },
  );
