import { createRouter } from "../lib/create-router.ts";
import { conflict, errorResponses, jsonBody, jsonContent, notFound } from "../lib/openapi.ts";
import { actorOf, route } from "../middleware/access.ts";
import { addressBody, addressListSchema, addressSchema } from "../schemas/addresses.ts";
import { idParam } from "../schemas/common.ts";
import { addAddress, listAddresses, removeAddress, replaceAddress } from "../services/addresses.service.ts";

const tags = ["Addresses"];
const one = (description: string) => jsonContent(addressSchema, description);

/** My address book: mine alone, with one default for shipping and one for billing at most. */
export const addressesRouter = createRouter()
  .openapi(
    route("signedIn", {
      method: "get",
      path: "/me/addresses",
      tags,
      summary: "My saved addresses, my default shipping address first",
      responses: { 200: jsonContent(addressListSchema, "My addresses"), ...errorResponses },
    }),
    async (c) => {
      const ctx = actorOf(c);
      return c.json(await listAddresses(ctx, ctx.actor.id), 200);
    },
  )
  .openapi(
    route("signedIn", {
      method: "post",
      path: "/me/addresses",
      tags,
      summary: "Saves an address (my first one becomes my default for shipping and billing)",
      request: jsonBody(addressBody),
      responses: { 201: one("The address saved"), ...conflict("conflict: 20 addresses already"), ...errorResponses },
    }),
    async (c) => {
      const ctx = actorOf(c);
      return c.json(await addAddress(ctx, ctx.actor.id, c.req.valid("json")), 201);
    },
  )
  .openapi(
    route("signedIn", {
      method: "put",
      path: "/me/addresses/{id}",
      tags,
      summary: "Replaces one of my addresses (its defaults kept unless said)",
      request: { params: idParam, ...jsonBody(addressBody) },
      responses: { 200: one("The address as saved"), ...notFound, ...errorResponses },
    }),
    async (c) => {
      const ctx = actorOf(c);
      return c.json(await replaceAddress(ctx, ctx.actor.id, c.req.valid("param").id, c.req.valid("json")), 200);
    },
  )
  .openapi(
    route("signedIn", {
      method: "delete",
      path: "/me/addresses/{id}",
      tags,
      summary: "Removes one of my addresses",
      request: { params: idParam },
      responses: { 204: { description: "Removed" }, ...notFound, ...errorResponses },
    }),
    async (c) => {
      const ctx = actorOf(c);
      await removeAddress(ctx, ctx.actor.id, c.req.valid("param").id);
      return c.body(null, 204);
    },
  );
