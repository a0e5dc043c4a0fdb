import { createRoute, z } from "@hono/zod-openapi";
import { createRouter } from "../../lib/create-router.ts";
import { errorSchema } from "../../lib/errors.ts";
import {
  staffOnly as denied,
  errorResponses,
  jsonBody as json,
  jsonContent,
  listSchema,
  notFoundResponse,
  pageQuery,
  bearer as security,
} from "../../lib/openapi.ts";
import { currentUser } from "../../middleware/auth.ts";
import { couponBody, couponChanges, couponSchema, grantSchema } from "../../schemas/coupons.ts";
import { changeCoupon, createCoupon, grantCoupon, listAllCoupons } from "../../services/coupons.service.ts";

const tags = ["Admin: coupons"];
const idParam = z.object({ id: z.uuid() });

/** Mounted under /admin/coupons behind requireAuth + requireStaff. */
export const adminCouponsRouter = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      tags,
      security,
      summary: "Coupon definitions, newest first",
      request: { query: pageQuery },
      responses: {
        200: jsonContent(listSchema(couponSchema, "CouponList"), "Coupons"),
        ...denied,
        ...errorResponses,
      },
    }),
    async (c) => c.json(await listAllCoupons(c.get("services").db, c.req.valid("query")), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/",
      tags,
      security,
      summary: "Defines a coupon (percent or fixed, validity as an ISO 8601 duration, limits)",
      request: json(couponBody),
      responses: { 201: jsonContent(couponSchema, "The coupon"), ...denied, ...errorResponses },
    }),
    async (c) => c.json(await createCoupon(c.get("services").db, currentUser(c), c.req.valid("json")), 201),
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/{id}",
      tags,
      security,
      summary: "Changes any of a coupon's terms, or (de)activates it; grants already made keep their expiry",
      request: { params: idParam, ...json(couponChanges) },
      responses: { 200: jsonContent(couponSchema, "The coupon"), ...notFoundResponse, ...denied, ...errorResponses },
    }),
    async (c) =>
      c.json(
        await changeCoupon(c.get("services").db, currentUser(c), c.req.valid("param").id, c.req.valid("json")),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/grants",
      tags,
      security,
      summary: "Grants the coupon to a user: a code of their own, expiring after the coupon's validity",
      request: { params: idParam, ...json(z.object({ userId: z.uuid() })) },
      responses: {
        201: jsonContent(grantSchema, "The user's coupon"),
        ...notFoundResponse,
        409: jsonContent(errorSchema, "coupon_invalid (inactive)"),
        ...denied,
        ...errorResponses,
      },
    }),
    async (c) => {
      const grant = await grantCoupon(
        c.get("services").db,
        currentUser(c),
        c.req.valid("param").id,
        c.req.valid("json").userId,
      );
      c.get("services").live.coupons(grant.userId);
      return c.json(grant, 201);
    },
  );
