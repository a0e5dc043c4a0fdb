import { createRouter } from "../../lib/create-router.ts";
import { conflict, errorResponses, jsonBody, jsonContent, notFound } from "../../lib/openapi.ts";
import { actorOf, route } from "../../middleware/access.ts";
import { idParam } from "../../schemas/common.ts";
import {
  rateParams,
  taxClassBody,
  taxClassChanges,
  taxClassListSchema,
  taxClassSchema,
  taxRateBody,
  taxRateChanges,
  taxRateSchema,
  taxSettingsChanges,
  taxSettingsSchema,
} from "../../schemas/taxes-admin.ts";
import { changeTaxRate, createTaxRate, removeTaxRate } from "../../services/tax-rates.service.ts";
import { changeTaxSettings, getTaxSettings } from "../../services/tax-settings.service.ts";
import { changeTaxClass, createTaxClass, listTaxClasses, removeTaxClass } from "../../services/taxes.service.ts";

const tags = ["Admin: taxes"];
const deleted = { 204: { description: "Deleted" } };

/** Tax classes, their rates by region, and the shop's tax setting. */
export const adminTaxesRouter = createRouter()
  .openapi(
    route("staff", {
      method: "get",
      path: "/admin/taxes/classes",
      tags,
      summary: "Every tax class with its rates and what it taxes",
      responses: { 200: jsonContent(taxClassListSchema, "Tax classes"), ...errorResponses },
    }),
    async (c) => c.json(await listTaxClasses(c.get("ctx")), 200),
  )
  .openapi(
    route("staff", {
      method: "post",
      path: "/admin/taxes/classes",
      tags,
      summary: "Creates a tax class (`isDefault`: new variants' class from now on)",
      request: jsonBody(taxClassBody),
      responses: {
        201: jsonContent(taxClassSchema, "The class"),
        ...conflict("conflict (name taken)"),
        ...errorResponses,
      },
    }),
    async (c) => c.json(await createTaxClass(actorOf(c), c.req.valid("json")), 201),
  )
  .openapi(
    route("staff", {
      method: "patch",
      path: "/admin/taxes/classes/{id}",
      tags,
      summary: "Renames a class, moves it, or makes it the default (taken from the class that had it)",
      request: { params: idParam, ...jsonBody(taxClassChanges) },
      responses: {
        200: jsonContent(taxClassSchema, "The class"),
        ...notFound,
        ...conflict("conflict (name taken, or the default unset)"),
        ...errorResponses,
      },
    }),
    async (c) => c.json(await changeTaxClass(actorOf(c), c.req.valid("param").id, c.req.valid("json")), 200),
  )
  .openapi(
    route("staff", {
      method: "delete",
      path: "/admin/taxes/classes/{id}",
      tags,
      summary: "Deletes a class with its rates, unless it is the default or variants or shipping are taxed by it",
      request: { params: idParam },
      responses: { ...deleted, ...notFound, ...conflict("conflict (in use, or the default)"), ...errorResponses },
    }),
    async (c) => {
      await removeTaxClass(actorOf(c), c.req.valid("param").id);
      return c.body(null, 204);
    },
  )
  .openapi(
    route("staff", {
      method: "post",
      path: "/admin/taxes/classes/{id}/rates",
      tags,
      summary: "Adds the class's rate for a country (`*`: everywhere else) or one of its subdivisions",
      request: { params: idParam, ...jsonBody(taxRateBody) },
      responses: {
        201: jsonContent(taxRateSchema, "The rate"),
        ...notFound,
        ...conflict("conflict (the class has a rate for this region)"),
        ...errorResponses,
      },
    }),
    async (c) => c.json(await createTaxRate(actorOf(c), c.req.valid("param").id, c.req.valid("json")), 201),
  )
  .openapi(
    route("staff", {
      method: "patch",
      path: "/admin/taxes/classes/{id}/rates/{rateId}",
      tags,
      summary: "Changes a rate or its region",
      request: { params: rateParams, ...jsonBody(taxRateChanges) },
      responses: {
        200: jsonContent(taxRateSchema, "The rate"),
        ...notFound,
        ...conflict("conflict (the class has a rate for this region)"),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { id, rateId } = c.req.valid("param");
      return c.json(await changeTaxRate(actorOf(c), id, rateId, c.req.valid("json")), 200);
    },
  )
  .openapi(
    route("staff", {
      method: "delete",
      path: "/admin/taxes/classes/{id}/rates/{rateId}",
      tags,
      summary: "Deletes a rate (the region then takes the class's wider rate)",
      request: { params: rateParams },
      responses: { ...deleted, ...notFound, ...errorResponses },
    }),
    async (c) => {
      const { id, rateId } = c.req.valid("param");
      await removeTaxRate(actorOf(c), id, rateId);
      return c.body(null, 204);
    },
  )
  .openapi(
    route("staff", {
      method: "get",
      path: "/admin/taxes/settings",
      tags,
      summary: "Whether prices include tax, and the class shipping is taxed by",
      responses: { 200: jsonContent(taxSettingsSchema, "The setting"), ...errorResponses },
    }),
    async (c) => c.json(await getTaxSettings(c.get("ctx")), 200),
  )
  .openapi(
    route("staff", {
      method: "patch",
      path: "/admin/taxes/settings",
      tags,
      summary: "Changes whether prices include tax, or the class shipping is taxed by",
      request: jsonBody(taxSettingsChanges),
      responses: {
        200: jsonContent(taxSettingsSchema, "The setting"),
        ...conflict("conflict (no such tax class)"),
        ...errorResponses,
      },
    }),
    async (c) => c.json(await changeTaxSettings(actorOf(c), c.req.valid("json")), 200),
  );
