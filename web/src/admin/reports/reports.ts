import { query, type RoutePreloadFuncArgs } from "@solidjs/router";
import type { Page } from "../../lib/data.ts";
import { type Answer, read } from "../../lib/http.ts";
import { api } from "../../lib/session.ts";
import { lowStockThreshold, nextDay, type Range, reportView, revenueRange, topProductsDays } from "./address.ts";

/** The reports, each through the typed client: every route has its own path, query and answer. */
const reports = api.admin.reports;

type Call = (...args: never[]) => Promise<unknown>;
type ItemOf<C extends Call> = Answer<C> extends { items: (infer Item)[] } ? Item : never;

/** One variant's stock with its product, as every stock report lists it. */
export type StockRow = ItemOf<(typeof reports)["out-of-stock"]["$get"]>;
export type RatingRow = ItemOf<(typeof reports)["product-ratings"]["$get"]>;
export type RevenueRow = ItemOf<typeof reports.revenue.$get>;
export type TopProductRow = ItemOf<(typeof reports)["top-products"]["$get"]>;
export type StatusCount = ItemOf<(typeof reports)["orders-by-status"]["$get"]>;
export type TaxReport = Answer<typeof reports.taxes.$get>;
export type ShippingReport = Answer<typeof reports.shipping.$get>;

const page = (limit: number, cursor?: string) => ({ limit: String(limit), ...(cursor ? { cursor } : {}) });

export async function outOfStock(cursor?: string, limit = 50): Promise<Page<StockRow>> {
  const { items, nextCursor } = await read(reports["out-of-stock"].$get({ query: page(limit, cursor) }));
  return { items, nextCursor };
}

export async function stockLeft(cursor?: string, limit = 50): Promise<Page<StockRow> & { totalStock: number }> {
  return read(reports["stock-left"].$get({ query: page(limit, cursor) }));
}

export async function lowStock(
  threshold: number | undefined,
  cursor?: string,
  limit = 50,
): Promise<Page<StockRow> & { threshold: number | null }> {
  const query = { ...page(limit, cursor), ...(threshold === undefined ? {} : { threshold: String(threshold) }) };
  return read(reports["low-stock"].$get({ query }));
}

export async function productRatings(cursor?: string, limit = 50): Promise<Page<RatingRow>> {
  return read(reports["product-ratings"].$get({ query: page(limit, cursor) }));
}

/** Revenue per UTC day over [from, to) (YYYY-MM-DD), every page of it: a range is at most 366 days. */
export async function revenueByDay(from: string, to: string): Promise<{ currency: string; items: RevenueRow[] }> {
  const items: RevenueRow[] = [];
  let cursor: string | undefined;
  let currency = "USD";
  for (let pages = 0; pages < 10; pages++) {
    const answer = await read(reports.revenue.$get({ query: { ...page(100, cursor), from, to } }));
    currency = answer.currency;
    items.push(...answer.items);
    if (!answer.nextCursor) break;
    cursor = answer.nextCursor;
  }
  return { currency, items };
}

/** How many orders are in each status, over every order (every status, zero included). */
export async function ordersByStatus(): Promise<StatusCount[]> {
  return (await read(reports["orders-by-status"].$get())).items;
}

/** The products with the most units in paid orders over the last `days` days. */
export async function topProducts(
  days: number,
  cursor?: string,
  limit = 50,
): Promise<Page<TopProductRow> & { days: number; currency: string }> {
  return read(reports["top-products"].$get({ query: { ...page(limit, cursor), days: String(days) } }));
}

/* What the reports page reads: a query per report, which its route's preload reads alike. */

/** The stock reports that list every variant have no filters: these are their arguments, always the same. */
export type NoFilters = Record<string, never>;
export const noFilters = (): NoFilters => ({});

export const getRevenueReport = query(
  (range: Range) => revenueByDay(range.from, nextDay(range.to)),
  "admin-report-revenue",
);
export const getTopProductsPage = query(
  (filters: { days: number }, cursor?: string) => topProducts(filters.days, cursor),
  "admin-report-top-products",
);
export const getOutOfStockPage = query(
  (_filters: NoFilters, cursor?: string) => outOfStock(cursor),
  "admin-report-out-of-stock",
);
export const getStockLeftPage = query(
  (_filters: NoFilters, cursor?: string) => stockLeft(cursor),
  "admin-report-stock-left",
);
export const getLowStockPage = query(
  (filters: { threshold?: number }, cursor?: string) => lowStock(filters.threshold, cursor),
  "admin-report-low-stock",
);
export const getRatingsPage = query(
  (_filters: NoFilters, cursor?: string) => productRatings(cursor),
  "admin-report-ratings",
);

/** Tax per country and rate, and shipping per method, over the range's days. */
export const getTaxReport = query(
  (range: Range) => read(reports.taxes.$get({ query: { from: range.from, to: nextDay(range.to) } })),
  "admin-report-taxes",
);
export const getShippingReport = query(
  (range: Range) => read(reports.shipping.$get({ query: { from: range.from, to: nextDay(range.to) } })),
  "admin-report-shipping",
);

/** /admin/reports: the report the address names, read as the navigation starts (as its page reads it). */
export function preloadReports({ location }: RoutePreloadFuncArgs): Promise<unknown>[] {
  const params = location.query;
  const view = reportView(params.view);
  if (view === "revenue") return [getRevenueReport(revenueRange(params))];
  if (view === "taxes") return [getTaxReport(revenueRange(params)), getShippingReport(revenueRange(params))];
  if (view === "top-products") return [getTopProductsPage({ days: topProductsDays(params.days) })];
  if (view === "out-of-stock") return [getOutOfStockPage(noFilters())];
  if (view === "stock-left") return [getStockLeftPage(noFilters())];
  if (view === "low-stock") return [getLowStockPage({ threshold: lowStockThreshold(params.threshold) })];
  return [getRatingsPage(noFilters())];
}
