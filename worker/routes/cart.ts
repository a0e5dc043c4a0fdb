import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../env.ts";
import { createRouter } from "../lib/create-router.ts";
import { errorSchema } from "../lib/errors.ts";
import { errorResponses, jsonBody as json, jsonContent, notFoundResponse, bearer as security } from "../lib/openapi.ts";
import { currentUser } from "../middleware/auth.ts";
import { cartSchema, mergeBody, mergeNoticeSchema, quantityBody } from "../schemas/cart.ts";
import { clearCart, getCart, mergeCart, removeLine, setQuantity } from "../services/cart.service.ts";

const tags = ["Cart"];
const productParam = z.object({ productId: z.uuid() });
const cartResponse = { 200: jsonContent(cartSchema, "The cart"), 401: jsonContent(errorSchema, "Not signed in") };

/** The cart after a committed change, which every device of the shopper also receives. */
async function changed(c: Context<AppEnv>, userId: string) {
  const { db, live } = c.get("services");
  const cart = await getCart(db, userId, c.env.CURRENCY);
  live.cart(userId, cart);
  return cart;
}

/** Mounted behind requireAuth: a cart belongs to the signed-in user only. */
export const cartRouter = createRouter()
  .openapi(
    createRoute({ method: "get", path: "/", tags, security, summary: "My cart", responses: cartResponse }),
    async (c) => c.json(await getCart(c.get("services").db, currentUser(c).id, c.env.CURRENCY), 200),
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/items/{productId}",
      tags,
      security,
      summary: "Sets a line's quantity (0 removes it)",
      request: { params: productParam, ...json(quantityBody) },
      responses: {
        ...cartResponse,
        ...notFoundResponse,
        409: jsonContent(errorSchema, "insufficient_stock, with the available quantity in details"),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { db } = c.get("services");
      const user = currentUser(c);
      await setQuantity(db, user.id, c.req.valid("param").productId, c.req.valid("json").quantity);
      return c.json(await changed(c, user.id), 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/items/{productId}",
      tags,
      security,
      summary: "Removes a line",
      request: { params: productParam },
      responses: { ...cartResponse, ...errorResponses },
    }),
    async (c) => {
      const { db } = c.get("services");
      const user = currentUser(c);
      await removeLine(db, user.id, c.req.valid("param").productId);
      return c.json(await changed(c, user.id), 200);
    },
  )
  .openapi(
    createRoute({ method: "delete", path: "/", tags, security, summary: "Empties the cart", responses: cartResponse }),
    async (c) => {
      const { db } = c.get("services");
      const user = currentUser(c);
      await clearCart(db, user.id);
      return c.json(await changed(c, user.id), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/merge",
      tags,
      security,
      summary: "Joins a guest cart into mine (capped at stock; unavailable products dropped)",
      request: json(mergeBody),
      responses: {
        200: jsonContent(cartSchema.extend({ notices: z.array(mergeNoticeSchema) }), "The merged cart with notices"),
        401: jsonContent(errorSchema, "Not signed in"),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { db } = c.get("services");
      const user = currentUser(c);
      const notices = await mergeCart(db, user.id, c.req.valid("json").items);
      return c.json({ ...(await changed(c, user.id)), notices }, 200);
    },
  );
