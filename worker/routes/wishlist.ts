import { createRouter } from "../lib/create-router.ts";
import { conflict, errorResponses, jsonContent, notFound } from "../lib/openapi.ts";
import { actorOf, route } from "../middleware/access.ts";
import { productIdParam } from "../schemas/common.ts";
import { wishlistSchema } from "../schemas/wishlist.ts";
import { moveToCart, unwish, wish, wishlist } from "../services/wishlist.service.ts";

const tags = ["Wishlist"];
const answer = { 200: jsonContent(wishlistSchema, "Wishlist") };

export const wishlistRouter = createRouter()
  .openapi(
    route("signedIn", {
      method: "get",
      path: "/wishlist",
      tags,
      summary: "My wishlist with current prices and stock",
      responses: { ...answer, ...errorResponses },
    }),
    async (c) => {
      const ctx = actorOf(c);
      return c.json(await wishlist(ctx, ctx.actor.id), 200);
    },
  )
  .openapi(
    route("signedIn", {
      method: "put",
      path: "/wishlist/{productId}",
      tags,
      summary: "Adds a product to my wishlist",
      request: { params: productIdParam },
      responses: { ...answer, ...notFound, ...errorResponses },
    }),
    async (c) => {
      const ctx = actorOf(c);
      return c.json(await wish(ctx, ctx.actor.id, c.req.valid("param").productId), 200);
    },
  )
  .openapi(
    route("signedIn", {
      method: "delete",
      path: "/wishlist/{productId}",
      tags,
      summary: "Removes a product from my wishlist",
      request: { params: productIdParam },
      responses: { ...answer, ...notFound, ...errorResponses },
    }),
    async (c) => {
      const ctx = actorOf(c);
      return c.json(await unwish(ctx, ctx.actor.id, c.req.valid("param").productId), 200);
    },
  )
  .openapi(
    route("signedIn", {
      method: "post",
      path: "/wishlist/{productId}/move-to-cart",
      tags,
      summary: "Moves a wished product into the cart (one more of it)",
      request: { params: productIdParam },
      responses: {
        ...answer,
        ...notFound,
        ...conflict("insufficient_stock, conflict (the line holds the most it may)"),
        ...errorResponses,
      },
    }),
    async (c) => {
      const ctx = actorOf(c);
      return c.json(await moveToCart(ctx, ctx.actor.id, c.req.valid("param").productId), 200);
    },
  );
