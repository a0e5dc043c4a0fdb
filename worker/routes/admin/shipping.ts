import { createRouter } from "../../lib/create-router.ts";
import { conflict, errorResponses, jsonBody, jsonContent, notFound } from "../../lib/openapi.ts";
import { actorOf, route } from "../../middleware/access.ts";
import {
  bandsBody,
  methodBody,
  methodChanges,
  methodParams,
  methodSchema,
  previewQuery,
  previewSchema,
  zoneBody,
  zoneChanges,
  zoneListSchema,
  zoneParams,
  zoneSchema,
} from "../../schemas/shipping-admin.ts";
import {
  changeMethod,
  changeZone,
  createMethod,
  createZone,
  listZones,
  removeMethod,
  removeZone,
  setBands,
} from "../../services/shipping-admin.service.ts";
import { previewShipping } from "../../services/shipping-preview.service.ts";

const tags = ["Admin: shipping"];
const taken = conflict("conflict (a name taken)");
const overlap = conflict("conflict (bands that overlap, named in details, or a name taken)");
const deleted = { 204: { description: "Deleted" } };

/** Where the shop ships and what it charges: zones, their methods and bands, and a preview of a price. */
export const adminShippingRouter = createRouter()
  .openapi(
    route("staff", {
      method: "get",
      path: "/admin/shipping/zones",
      tags,
      summary: "Every zone with its methods and their bands, in the merchant's order",
      responses: { 200: jsonContent(zoneListSchema, "Zones"), ...errorResponses },
    }),
    async (c) => c.json(await listZones(c.get("ctx")), 200),
  )
  .openapi(
    route("staff", {
      method: "post",
      path: "/admin/shipping/zones",
      tags,
      summary: "Creates a zone of countries (`*`: the rest of the world), optionally narrowed",
      request: jsonBody(zoneBody),
      responses: { 201: jsonContent(zoneSchema, "The zone"), ...taken, ...errorResponses },
    }),
    async (c) => c.json(await createZone(actorOf(c), c.req.valid("json")), 201),
  )
  .openapi(
    route("staff", {
      method: "patch",
      path: "/admin/shipping/zones/{id}",
      tags,
      summary: "Changes a zone's name, countries, subdivisions, postal patterns or position",
      request: { params: zoneParams, ...jsonBody(zoneChanges) },
      responses: { 200: jsonContent(zoneSchema, "The zone"), ...notFound, ...taken, ...errorResponses },
    }),
    async (c) => c.json(await changeZone(actorOf(c), c.req.valid("param").id, c.req.valid("json")), 200),
  )
  .openapi(
    route("staff", {
      method: "delete",
      path: "/admin/shipping/zones/{id}",
      tags,
      summary: "Deletes a zone with its methods (orders keep the method's name)",
      request: { params: zoneParams },
      responses: { ...deleted, ...notFound, ...errorResponses },
    }),
    async (c) => {
      await removeZone(actorOf(c), c.req.valid("param").id);
      return c.body(null, 204);
    },
  )
  .openapi(
    route("staff", {
      method: "post",
      path: "/admin/shipping/zones/{id}/methods",
      tags,
      summary: "Adds a method to a zone, with its bands",
      request: { params: zoneParams, ...jsonBody(methodBody) },
      responses: { 201: jsonContent(methodSchema, "The method"), ...notFound, ...overlap, ...errorResponses },
    }),
    async (c) => c.json(await createMethod(actorOf(c), c.req.valid("param").id, c.req.valid("json")), 201),
  )
  .openapi(
    route("staff", {
      method: "patch",
      path: "/admin/shipping/zones/{id}/methods/{methodId}",
      tags,
      summary: "Changes a method (its bands: PUT …/bands)",
      request: { params: methodParams, ...jsonBody(methodChanges) },
      responses: { 200: jsonContent(methodSchema, "The method"), ...notFound, ...taken, ...errorResponses },
    }),
    async (c) => {
      const { id, methodId } = c.req.valid("param");
      return c.json(await changeMethod(actorOf(c), id, methodId, c.req.valid("json")), 200);
    },
  )
  .openapi(
    route("staff", {
      method: "delete",
      path: "/admin/shipping/zones/{id}/methods/{methodId}",
      tags,
      summary: "Deletes a method with its bands",
      request: { params: methodParams },
      responses: { ...deleted, ...notFound, ...errorResponses },
    }),
    async (c) => {
      const { id, methodId } = c.req.valid("param");
      await removeMethod(actorOf(c), id, methodId);
      return c.body(null, 204);
    },
  )
  .openapi(
    route("staff", {
      method: "put",
      path: "/admin/shipping/zones/{id}/methods/{methodId}/bands",
      tags,
      summary: "Replaces a method's weight or subtotal bands; bands that overlap are refused, naming them",
      request: { params: methodParams, ...jsonBody(bandsBody) },
      responses: { 200: jsonContent(methodSchema, "The method"), ...notFound, ...overlap, ...errorResponses },
    }),
    async (c) => {
      const { id, methodId } = c.req.valid("param");
      return c.json(await setBands(actorOf(c), id, methodId, c.req.valid("json").bands), 200);
    },
  )
  .openapi(
    route("staff", {
      method: "get",
      path: "/admin/shipping/preview",
      tags,
      summary: "What an order of a weight and subtotal pays to ship to an address, method by method",
      request: { query: previewQuery },
      responses: { 200: jsonContent(previewSchema, "The zone and each method's price"), ...errorResponses },
    }),
    async (c) => c.json(await previewShipping(c.get("ctx"), c.req.valid("query")), 200),
  );
