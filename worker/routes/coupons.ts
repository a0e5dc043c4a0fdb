import { createRouter } from "../lib/create-router.ts";
import { conflict, errorResponses, jsonBody, jsonContent } from "../lib/openapi.ts";
import { actorOf, route } from "../middleware/access.ts";
import { limitedPerAddress, limitedPerUser } from "../middleware/rate-limits.ts";
import { myCouponsSchema, previewBody, previewSchema } from "../schemas/coupons.ts";
import { myCoupons, previewCoupon } from "../services/coupons.service.ts";

const tags = ["Coupons"];

export const couponsRouter = createRouter()
  .openapi(
    route("signedIn", {
      method: "get",
      path: "/coupons",
      tags,
      summary: "My usable coupons with their expiry and the server's clock",
      responses: { 200: jsonContent(myCouponsSchema, "Coupons"), ...errorResponses },
    }),
    async (c) => {
      const ctx = actorOf(c);
      c.header("Cache-Control", "no-store");
      return c.json(await myCoupons(ctx, ctx.actor.id), 200);
    },
  )
  .openapi(
    route("signedIn", {
      method: "post",
      path: "/coupons/preview",
      tags,
      summary: "What my cart costs with a coupon (the checkout's own pricing)",
      middleware: [limitedPerAddress("promotionCodePerIp"), limitedPerUser("promotionCodePerUser")],
      request: jsonBody(previewBody),
      responses: {
        200: jsonContent(previewSchema, "The breakdown"),
        ...conflict("coupon_invalid, coupon_expired, coupon_exhausted, cart_empty, order_too_large"),
        ...errorResponses,
      },
    }),
    async (c) => {
      const ctx = actorOf(c);
      return c.json(await previewCoupon(ctx, ctx.actor.id, c.req.valid("json").code), 200);
    },
  );
