import { z } from "@hono/zod-openapi";
import { money, timestamp } from "./common.ts";

export const wishlistSchema = z
  .object({
    items: z.array(
      z.object({
        productId: z.string(),
        slug: z.string(),
        name: z.string(),
        unitPrice: money,
        actualPrice: money,
        currency: z.string(),
        stockQty: z.number().int(),
        inStock: z.boolean(),
        imageUrl: z.string().nullable(),
        addedAt: timestamp,
      }),
    ),
  })
  .openapi("Wishlist");

export type Wishlist = z.infer<typeof wishlistSchema>;
