import { query, type RoutePreloadFuncArgs } from "@solidjs/router";
import { read } from "../../lib/http.ts";
import { api } from "../../lib/session.ts";
import { getShopCurrency } from "../lib/currency.ts";

/** The coupons list has no filters: these are its arguments, always the same. */
export type NoFilters = Record<string, never>;
export const noFilters = (): NoFilters => ({});

const page = (limit: number, cursor?: string) => (cursor ? { limit: String(limit), cursor } : { limit: String(limit) });

/** Every coupon, newest first, a page at a time. */
export const getCouponsPage = query(
  (_filters: NoFilters, cursor?: string) => read(api.admin.coupons.$get({ query: page(20, cursor) })),
  "admin-coupons",
);

/** Who holds a coupon: its grants, a page at a time. */
export const getCouponGrantsPage = query(
  (couponId: string, cursor?: string) =>
    read(api.admin.coupons[":id"].grants.$get({ param: { id: couponId }, query: page(10, cursor) })),
  "admin-coupon-grants",
);

/** The customers a search finds, to grant a coupon to (the first five). */
export const getGrantCandidates = query(
  async (q: string) => (await read(api.admin.customers.$get({ query: { q, limit: "5" } }))).items,
  "admin-coupon-candidates",
);

/** /admin/coupons: the shop's currency and the first page of coupons, read as the navigation starts. */
export function preloadCoupons(_: RoutePreloadFuncArgs): Promise<unknown>[] {
  return [getShopCurrency(), getCouponsPage(noFilters())];
}
