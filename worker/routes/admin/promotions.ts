import { createRouter } from "../../lib/create-router.ts";
import { conflict, errorResponses, jsonBody, jsonContent, notFound } from "../../lib/openapi.ts";
import { actorOf, route } from "../../middleware/access.ts";
import { idParam, pageQuery } from "../../schemas/common.ts";
import {
  codesBody,
  generatedCodesSchema,
  previewBody,
  previewSchema,
  promotionBody,
  promotionChanges,
  promotionCodeListSchema,
  promotionListSchema,
  promotionQuery,
  promotionReportSchema,
  promotionSchema,
} from "../../schemas/promotions.ts";
import { spanQuery } from "../../schemas/reports.ts";
import {
  changePromotion,
  codesOf,
  createPromotion,
  duplicatePromotion,
  generateCodes,
  listAllPromotions,
  previewPromotion,
  promotionById,
  promotionsReport,
} from "../../services/promotions-admin.service.ts";

const tags = ["Admin: promotions"];

export const adminPromotionsRouter = createRouter()
  .openapi(
    route("staff", {
      method: "get",
      path: "/admin/promotions",
      tags,
      summary: "Promotions, newest first, by status and method, each with its state, uses, discount given and codes",
      request: { query: promotionQuery },
      responses: { 200: jsonContent(promotionListSchema, "Promotions"), ...errorResponses },
    }),
    async (c) => c.json(await listAllPromotions(c.get("ctx"), c.req.valid("query")), 200),
  )
  .openapi(
    route("staff", {
      method: "post",
      path: "/admin/promotions",
      tags,
      summary: "Defines a promotion; one by code may bring a shared code (kept only as its hash)",
      request: jsonBody(promotionBody),
      responses: {
        201: jsonContent(promotionSchema, "The promotion"),
        ...conflict("conflict (another promotion has this code)"),
        ...errorResponses,
      },
    }),
    async (c) => c.json(await createPromotion(actorOf(c), c.req.valid("json")), 201),
  )
  .openapi(
    route("staff", {
      method: "post",
      path: "/admin/promotions/preview",
      tags,
      summary: "What a sample cart would take with a draft promotion among the live automatic ones; writes nothing",
      request: jsonBody(previewBody),
      responses: { 200: jsonContent(previewSchema, "The evaluation"), ...errorResponses },
    }),
    async (c) => c.json(await previewPromotion(c.get("ctx"), c.req.valid("json")), 200),
  )
  .openapi(
    route("staff", {
      method: "get",
      path: "/admin/promotions/{id}",
      tags,
      summary: "One promotion",
      request: { params: idParam },
      responses: { 200: jsonContent(promotionSchema, "The promotion"), ...notFound, ...errorResponses },
    }),
    async (c) => c.json(await promotionById(c.get("ctx"), c.req.valid("param").id), 200),
  )
  .openapi(
    route("staff", {
      method: "patch",
      path: "/admin/promotions/{id}",
      tags,
      summary: "Changes any of a promotion's fields: its terms, its dates, or its status (pause, resume)",
      request: { params: idParam, ...jsonBody(promotionChanges) },
      responses: { 200: jsonContent(promotionSchema, "The promotion"), ...notFound, ...errorResponses },
    }),
    async (c) => c.json(await changePromotion(actorOf(c), c.req.valid("param").id, c.req.valid("json")), 200),
  )
  .openapi(
    route("staff", {
      method: "post",
      path: "/admin/promotions/{id}/duplicate",
      tags,
      summary: 'A paused copy named "<name> (copy)", with no uses and no codes',
      request: { params: idParam },
      responses: { 201: jsonContent(promotionSchema, "The copy"), ...notFound, ...errorResponses },
    }),
    async (c) => c.json(await duplicatePromotion(actorOf(c), c.req.valid("param").id), 201),
  )
  .openapi(
    route("staff", {
      method: "post",
      path: "/admin/promotions/{id}/codes",
      tags,
      summary: "Generates random codes for a promotion by code; this answer is the only time they are shown",
      request: { params: idParam, ...jsonBody(codesBody) },
      responses: {
        201: jsonContent(generatedCodesSchema, "The codes, in plain text, once"),
        ...notFound,
        ...conflict("conflict (the promotion is automatic)"),
        ...errorResponses,
      },
    }),
    async (c) => {
      const generated = await generateCodes(actorOf(c), c.req.valid("param").id, c.req.valid("json"));
      c.header("cache-control", "no-store");
      return c.json(generated, 201);
    },
  )
  .openapi(
    route("staff", {
      method: "get",
      path: "/admin/promotions/{id}/codes",
      tags,
      summary: "A promotion's codes, newest first: each one's hint, limit and uses (never the code)",
      request: { params: idParam, query: pageQuery },
      responses: { 200: jsonContent(promotionCodeListSchema, "Codes"), ...notFound, ...errorResponses },
    }),
    async (c) => c.json(await codesOf(c.get("ctx"), c.req.valid("param").id, c.req.valid("query")), 200),
  )
  .openapi(
    route("staff", {
      method: "get",
      path: "/admin/reports/promotions",
      tags: ["Admin: reports"],
      summary: "Uses and discount given per promotion over [from, to), less the uses canceled orders gave back",
      request: { query: spanQuery },
      responses: { 200: jsonContent(promotionReportSchema, "Promotions report"), ...errorResponses },
    }),
    async (c) => c.json(await promotionsReport(c.get("ctx"), c.req.valid("query")), 200),
  );
