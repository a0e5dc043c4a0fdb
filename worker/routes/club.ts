import { createRoute, z } from "@hono/zod-openapi";
import { createRouter } from "../lib/create-router.ts";
import { errorSchema } from "../lib/errors.ts";
import {
  errorResponses,
  jsonBody as json,
  jsonContent,
  notFoundResponse,
  pageQuery,
  bearer as security,
  signedInOnly as signedIn,
} from "../lib/openapi.ts";
import { currentUser, requireAuth } from "../middleware/auth.ts";
import { getCart } from "../services/cart.service.ts";
import { comment, commentsOf, moveToCart, rate, ratingsOf, unwish, wish, wishlist } from "../services/club.service.ts";

const productParam = z.object({ id: z.uuid() });
const wishParam = z.object({ productId: z.uuid() });

const wishlistSchema = z
  .object({
    items: z.array(
      z.object({
        productId: z.string(),
        slug: z.string(),
        name: z.string(),
        unitPrice: z.number().int(),
        actualPrice: z.number().int(),
        currency: z.string(),
        stockQty: z.number().int(),
        inStock: z.boolean(),
        imageUrl: z.string().nullable(),
        addedAt: z.string(),
      }),
    ),
  })
  .openapi("Wishlist");

/** Ratings, comments (the club) and the wishlist. */
export const clubRouter = createRouter()
  .openapi(
    createRoute({
      method: "put",
      path: "/products/{id}/rating",
      tags: ["Club"],
      security,
      middleware: [requireAuth] as const,
      summary: "Rates a product 1..5 with optional text; voting again replaces the vote",
      request: {
        params: productParam,
        ...json(
          z.object({ vote: z.number().int().min(1).max(5), text: z.string().trim().min(1).max(2_000).optional() }),
        ),
      },
      responses: {
        200: jsonContent(
          z.object({ average: z.number(), count: z.number().int(), myVote: z.number().int().nullable() }),
          "The product's rating",
        ),
        ...notFoundResponse,
        ...signedIn,
        ...errorResponses,
      },
    }),
    async (c) => {
      const { vote, text } = c.req.valid("json");
      return c.json(
        await rate(c.get("services").db, currentUser(c).id, c.req.valid("param").id, vote, text ?? null),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/products/{id}/ratings",
      tags: ["Club"],
      summary: "Approved rating texts, newest first",
      request: { params: productParam, query: pageQuery },
      responses: {
        200: jsonContent(
          z.object({
            items: z.array(
              z.object({
                id: z.string(),
                vote: z.number().int(),
                text: z.string(),
                author: z.string(),
                at: z.string(),
              }),
            ),
            nextCursor: z.string().nullable(),
          }),
          "Ratings",
        ),
        ...notFoundResponse,
        ...errorResponses,
      },
    }),
    async (c) => c.json(await ratingsOf(c.get("services").db, c.req.valid("param").id, c.req.valid("query")), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/products/{id}/comments",
      tags: ["Club"],
      summary: "Approved comments about a product, newest first",
      request: { params: productParam, query: pageQuery },
      responses: {
        200: jsonContent(
          z.object({
            items: z.array(
              z.object({ id: z.string(), kind: z.string(), body: z.string(), author: z.string(), at: z.string() }),
            ),
            nextCursor: z.string().nullable(),
          }),
          "Comments",
        ),
        ...notFoundResponse,
        ...errorResponses,
      },
    }),
    async (c) => c.json(await commentsOf(c.get("services").db, c.req.valid("param").id, c.req.valid("query")), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/comments",
      tags: ["Club"],
      security,
      middleware: [requireAuth] as const,
      summary: "A suggestion or criticism, optionally about a product; shown once approved",
      request: json(
        z.object({
          kind: z.enum(["suggestion", "criticism"]),
          body: z.string().trim().min(1).max(2_000),
          productId: z.uuid().optional(),
        }),
      ),
      responses: {
        201: jsonContent(
          z.object({
            id: z.string(),
            kind: z.string(),
            body: z.string(),
            productId: z.string().nullable(),
            approved: z.boolean(),
            createdAt: z.string(),
          }),
          "The comment, awaiting moderation",
        ),
        ...notFoundResponse,
        ...signedIn,
        ...errorResponses,
      },
    }),
    async (c) => {
      const { db, live } = c.get("services");
      const created = await comment(db, currentUser(c).id, c.req.valid("json"));
      live.comment({ id: created.id, kind: created.kind, body: created.body });
      return c.json(created, 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/wishlist",
      tags: ["Wishlist"],
      security,
      summary: "My wishlist with current prices and stock",
      responses: { 200: jsonContent(wishlistSchema, "Wishlist"), ...signedIn },
    }),
    async (c) => c.json(await wishlist(c.get("services").db, currentUser(c).id, c.env.CURRENCY), 200),
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/wishlist/{productId}",
      tags: ["Wishlist"],
      security,
      summary: "Adds a product to my wishlist",
      request: { params: wishParam },
      responses: { 200: jsonContent(wishlistSchema, "Wishlist"), ...notFoundResponse, ...signedIn, ...errorResponses },
    }),
    async (c) => {
      const { db } = c.get("services");
      await wish(db, currentUser(c).id, c.req.valid("param").productId);
      return c.json(await wishlist(db, currentUser(c).id, c.env.CURRENCY), 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/wishlist/{productId}",
      tags: ["Wishlist"],
      security,
      summary: "Removes a product from my wishlist",
      request: { params: wishParam },
      responses: { 200: jsonContent(wishlistSchema, "Wishlist"), ...notFoundResponse, ...signedIn, ...errorResponses },
    }),
    async (c) => {
      const { db } = c.get("services");
      await unwish(db, currentUser(c).id, c.req.valid("param").productId);
      return c.json(await wishlist(db, currentUser(c).id, c.env.CURRENCY), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/wishlist/{productId}/move-to-cart",
      tags: ["Wishlist"],
      security,
      summary: "Moves a wished product into the cart (one more of it)",
      request: { params: wishParam },
      responses: {
        200: jsonContent(wishlistSchema, "Wishlist"),
        ...notFoundResponse,
        409: jsonContent(errorSchema, "insufficient_stock"),
        ...signedIn,
        ...errorResponses,
      },
    }),
    async (c) => {
      const { db, live } = c.get("services");
      const user = currentUser(c);
      const productId = c.req.valid("param").productId;
      const before = await getCart(db, user.id, c.env.CURRENCY);
      await moveToCart(
        db,
        user.id,
        productId,
        before.items.find((item) => item.productId === productId)?.quantity ?? 0,
      );
      live.cart(user.id);
      return c.json(await wishlist(db, user.id, c.env.CURRENCY), 200);
    },
  );
