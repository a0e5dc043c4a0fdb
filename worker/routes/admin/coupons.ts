import { createRouter } from "../../lib/create-router.ts";
import { conflict, errorResponses, jsonBody, jsonContent, notFound } from "../../lib/openapi.ts";
import { actorOf, route } from "../../middleware/access.ts";
import { idParam, pageQuery } from "../../schemas/common.ts";
import {
  couponBody,
  couponChanges,
  couponListSchema,
  couponSchema,
  grantBody,
  grantListSchema,
  grantSchema,
} from "../../schemas/coupons.ts";
import { changeCoupon, createCoupon, grantCoupon, grantsOf, listAllCoupons } from "../../services/coupons.service.ts";

const tags = ["Admin: coupons"];

export const adminCouponsRouter = createRouter()
  .openapi(
    route("staff", {
      method: "get",
      path: "/admin/coupons",
      tags,
      summary: "Coupon definitions, newest first",
      request: { query: pageQuery },
      responses: { 200: jsonContent(couponListSchema, "Coupons"), ...errorResponses },
    }),
    async (c) => c.json(await listAllCoupons(c.get("ctx"), c.req.valid("query")), 200),
  )
  .openapi(
    route("staff", {
      method: "post",
      path: "/admin/coupons",
      tags,
      summary: "Defines a coupon (percent or fixed, validity as an ISO 8601 duration, limits)",
      request: jsonBody(couponBody),
      responses: { 201: jsonContent(couponSchema, "The coupon"), ...errorResponses },
    }),
    async (c) => c.json(await createCoupon(actorOf(c), c.req.valid("json")), 201),
  )
  .openapi(
    route("staff", {
      method: "patch",
      path: "/admin/coupons/{id}",
      tags,
      summary: "Changes any of a coupon's terms, or (de)activates it; grants already made keep their expiry",
      request: { params: idParam, ...jsonBody(couponChanges) },
      responses: { 200: jsonContent(couponSchema, "The coupon"), ...notFound, ...errorResponses },
    }),
    async (c) => c.json(await changeCoupon(actorOf(c), c.req.valid("param").id, c.req.valid("json")), 200),
  )
  .openapi(
    route("staff", {
      method: "get",
      path: "/admin/coupons/{id}/grants",
      tags,
      summary: "The coupon's grants, newest first, with each one's expiry and uses",
      request: { params: idParam, query: pageQuery },
      responses: { 200: jsonContent(grantListSchema, "Grants"), ...notFound, ...errorResponses },
    }),
    async (c) => c.json(await grantsOf(c.get("ctx"), c.req.valid("param").id, c.req.valid("query")), 200),
  )
  .openapi(
    route("staff", {
      method: "post",
      path: "/admin/coupons/{id}/grants",
      tags,
      summary: "Grants the coupon to a user: a code of their own, expiring after the coupon's validity",
      request: { params: idParam, ...jsonBody(grantBody) },
      responses: {
        201: jsonContent(grantSchema, "The user's coupon"),
        ...notFound,
        ...conflict("coupon_invalid (inactive)"),
        ...errorResponses,
      },
    }),
    async (c) => c.json(await grantCoupon(actorOf(c), c.req.valid("param").id, c.req.valid("json").userId), 201),
  );
