import { query, type RoutePreloadFuncArgs, type SearchParams } from "@solidjs/router";
import { read } from "../../lib/http.ts";
import { api } from "../../lib/session.ts";

/*
 * The moderation queues' reads: review texts and comments waiting for approval (or approved, to take
 * an approval back), and the names of the products they are about.
 */

/** Which queue is shown: what waits for approval, or what was approved (`?show=approved`). */
export interface QueueFilters {
  approved: "true" | "false";
}

/** The queue the address names. */
export function queueFilters(params: SearchParams): QueueFilters {
  const show = Array.isArray(params.show) ? params.show[0] : params.show;
  return { approved: show === "approved" ? "true" : "false" };
}

const pageQuery = (filters: QueueFilters, cursor?: string) => ({
  query: { approved: filters.approved, limit: "20", ...(cursor ? { cursor } : {}) },
});

/** A page of review texts (ratings with a text). */
export const getRatingsPage = query(
  (filters: QueueFilters, cursor?: string) => read(api.admin.ratings.$get(pageQuery(filters, cursor))),
  "admin-ratings",
);

/** The newest comments of a queue, read afresh (not from the cache): what a live event brings. */
export const latestComments = (filters: QueueFilters) => read(api.admin.comments.$get(pageQuery(filters)));

/** A page of comments about the shop or a product. */
export const getCommentsPage = query(
  (filters: QueueFilters, cursor?: string) => read(api.admin.comments.$get(pageQuery(filters, cursor))),
  "admin-comments",
);

/** A product's name for the queue: null when it cannot be read (the entry says "the product"). */
export const getProductName = query(
  (id: string): Promise<string | null> =>
    read(api.admin.products[":id"].$get({ param: { id } }))
      .then((product) => product.name)
      .catch(() => null),
  "admin-review-product",
);

/** /admin/reviews: both queues the address names. */
export function preloadReviews(args: RoutePreloadFuncArgs) {
  const filters = queueFilters(args.location.query);
  return [getRatingsPage(filters), getCommentsPage(filters)];
}
