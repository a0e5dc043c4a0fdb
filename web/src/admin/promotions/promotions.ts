import { query, type RoutePreloadFuncArgs, type SearchParams } from "@solidjs/router";
import { type Answer, ApiError, read, setOnly } from "../../lib/http.ts";
import { api } from "../../lib/session.ts";
import { getShopCurrency } from "../lib/currency.ts";
import { nextDay, type Range, revenueRange } from "../reports/address.ts";
import { getBrands, getCategories } from "../taxonomy/taxonomy.ts";

/*
 * The promotions' reads. Keys never start one another: "admin-promotions", "admin-promotion-by-id",
 * "admin-promotion-codes", "admin-promotion-preview", "admin-report-promotions".
 */

export type Promotion = Answer<typeof api.admin.promotions.$get>["items"][number];
export type PromotionBody = Parameters<typeof api.admin.promotions.$post>[0]["json"];
export type PreviewBody = Parameters<typeof api.admin.promotions.preview.$post>[0]["json"];
export type PromotionPreview = Answer<typeof api.admin.promotions.preview.$post>;
export type PromotionCode = Answer<(typeof api.admin.promotions)[":id"]["codes"]["$get"]>["items"][number];
export type PromotionsReport = Answer<typeof api.admin.reports.promotions.$get>;
export type Action = Promotion["action"];
export type Target = NonNullable<Extract<Action, { type: "percent" }>["target"]>;
export type Kind = Promotion["kind"];

/** The list's filters, as the API takes them (unset: no filter). */
export interface PromotionFilters {
  status?: Promotion["status"];
  method?: Promotion["method"];
}

const one = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);

/** The filters the address of /admin/promotions asks for; anything else is no filter. */
export function promotionFilters(params: SearchParams): PromotionFilters {
  const status = one(params.status);
  const method = one(params.method);
  return {
    status: status === "active" || status === "paused" ? status : undefined,
    method: method === "automatic" || method === "code" ? method : undefined,
  };
}

export const getPromotionsPage = query(
  (filters: PromotionFilters, cursor?: string) =>
    read(api.admin.promotions.$get({ query: setOnly({ ...filters, limit: "20", cursor }) })),
  "admin-promotions",
);

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One promotion; an id that cannot be one is not found, as an unknown one. */
export const getPromotion = query(async (id: string) => {
  if (!uuid.test(id)) throw new ApiError(404, "not_found", "No such promotion.");
  return read(api.admin.promotions[":id"].$get({ param: { id } }));
}, "admin-promotion-by-id");

/** A promotion's codes as staff may see them (hints and uses), newest first. */
export const getPromotionCodesPage = query(
  (id: string, cursor?: string) =>
    read(api.admin.promotions[":id"].codes.$get({ param: { id }, query: setOnly({ limit: "25", cursor }) })),
  "admin-promotion-codes",
);

/** What a sample cart would take with a draft; a POST, though it changes nothing. */
export const getPromotionPreview = query(
  (body: PreviewBody) => read(api.admin.promotions.preview.$post({ json: body })),
  "admin-promotion-preview",
);

/** Uses and discount per promotion over the range's days (both included). */
export const getPromotionsReport = query(
  (range: Range) => read(api.admin.reports.promotions.$get({ query: { from: range.from, to: nextDay(range.to) } })),
  "admin-report-promotions",
);

/** /admin/promotions: the currency and the first page for the filters in the address. */
export function preloadPromotions({ location }: RoutePreloadFuncArgs): Promise<unknown>[] {
  return [getShopCurrency(), getPromotionsPage(promotionFilters(location.query))];
}

/** /admin/promotions/:id (and /new): the currency, the promotion, and what its targets are picked from. */
export function preloadPromotion({ params }: RoutePreloadFuncArgs): Promise<unknown>[] {
  const reads: Promise<unknown>[] = [getShopCurrency(), getCategories(), getBrands()];
  if (params.id) reads.push(getPromotion(params.id), getPromotionCodesPage(params.id));
  return reads;
}

/** /admin/promotions/report: the range in the address. */
export function preloadPromotionsReport({ location }: RoutePreloadFuncArgs): Promise<unknown>[] {
  return [getPromotionsReport(revenueRange(location.query))];
}
