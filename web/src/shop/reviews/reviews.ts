import { query } from "@solidjs/router";
import { type Answer, publicApi, read } from "../../lib/http.ts";
import { api } from "../../lib/session.ts";

export type Review = Answer<(typeof publicApi.products)[":id"]["ratings"]["$get"]>["items"][number];
export type ProductComment = Answer<(typeof publicApi.products)[":id"]["comments"]["$get"]>["items"][number];
export type CommentKind = ProductComment["kind"];

export const getReviews = query(
  (id: string) => read(publicApi.products[":id"].ratings.$get({ param: { id }, query: { limit: "10" } })),
  "product-reviews",
);
export const getComments = query(
  (id: string, cursor?: string) =>
    read(
      publicApi.products[":id"].comments.$get({
        param: { id },
        query: cursor ? { limit: "10", cursor } : { limit: "10" },
      }),
    ),
  "product-comments",
);
export const postComment = (productId: string, kind: CommentKind, body: string) =>
  read(api.comments.$post({ json: { kind, body, productId } }));
export const rateProduct = (id: string, vote: number, text?: string) =>
  read(api.products[":id"].rating.$put({ param: { id }, json: text ? { vote, text } : { vote } }));

/** The product's rating with my vote and my review, keyed by my account. */
export const getMyRating = query(
  (_account: string, id: string) => read(api.products[":id"].rating.$get({ param: { id } })),
  "my-rating",
);

/** "★ 4.50 from 2 votes", "★ 5.00 from 1 vote", or "No ratings yet". */
export function ratingWords(rating: { average: number; count: number }): string {
  if (rating.count === 0) return "No ratings yet";
  return `★ ${rating.average.toFixed(2)} from ${rating.count} ${rating.count === 1 ? "vote" : "votes"}`;
}
