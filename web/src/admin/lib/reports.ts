import type { z } from "@hono/zod-openapi";
import type { ordersByStatusSchema } from "../../../../worker/schemas/reports.ts";
import { type Answer, read } from "../../lib/http.ts";
import { api } from "../../lib/session.ts";
import type { Page } from "./types.ts";

/*
 * The reports, each through the typed client. The worker builds the report routes' paths from a
 * string, so today the client files them under one key and merges their queries and answers; each
 * call below still sends exactly its own route's query, and every type is read from the client, so
 * this keeps compiling (and becomes exact) once the paths are literal.
 */
const reports = api.admin.reports;
type QueryOf<Call> = Call extends (args: infer Args, ...rest: never[]) => unknown
  ? NonNullable<Args> extends { query: infer Query }
    ? Query
    : never
  : never;

const outOfStockRoute = reports["out-of-stock"];
const stockLeftRoute = reports["stock-left"];
const lowStockRoute = reports["low-stock"];
const ratingsRoute = reports["product-ratings"];
const revenueRoute = reports.revenue;
const byStatusRoute = reports["orders-by-status"];
const topProductsRoute = reports["top-products"];

type ItemOf<Call extends (...args: never[]) => Promise<unknown>> =
  Answer<Call> extends { items: unknown[] } ? Answer<Call>["items"][number] : never;
type Row<Call extends (...args: never[]) => Promise<unknown>, Fields extends keyof ItemOf<Call>> = Pick<
  ItemOf<Call>,
  Fields
>;

export type OutOfStockRow = Row<typeof outOfStockRoute.$get, "id" | "slug" | "name" | "stockQty" | "active">;
export type StockRow = Row<typeof stockLeftRoute.$get, "id" | "slug" | "name" | "stockQty">;
export type LowStockRow = Row<typeof lowStockRoute.$get, "id" | "slug" | "name" | "stockQty" | "threshold">;
export type RatingRow = Row<typeof ratingsRoute.$get, "id" | "slug" | "name" | "average" | "count">;
export type RevenueRow = Row<typeof revenueRoute.$get, "day" | "orders" | "paidOrders" | "revenue">;
export type TopProductRow = Row<typeof topProductsRoute.$get, "productId" | "name" | "units" | "revenue">;

/** Each row with the fields of its report only (the merged types claim more). */
const pick = <Call extends (...args: never[]) => Promise<unknown>, K extends keyof ItemOf<Call>>(
  _route: Call,
  rows: unknown,
  keys: readonly K[],
) =>
  (rows as ItemOf<Call>[]).map(
    (row) => Object.fromEntries(keys.map((key) => [key, row[key]])) as Pick<ItemOf<Call>, K>,
  );

const page = (limit: number, cursor?: string) => ({ limit: String(limit), ...(cursor ? { cursor } : {}) });

export async function outOfStock(cursor?: string, limit = 50): Promise<Page<OutOfStockRow>> {
  const query = page(limit, cursor) as QueryOf<typeof outOfStockRoute.$get>;
  const answer = await read(outOfStockRoute.$get({ query }));
  const keys = ["id", "slug", "name", "stockQty", "active"] as const;
  return { items: pick(outOfStockRoute.$get, answer.items, keys), nextCursor: answer.nextCursor };
}

export async function stockLeft(cursor?: string, limit = 50): Promise<Page<StockRow> & { totalStock: number }> {
  const query = page(limit, cursor) as QueryOf<typeof stockLeftRoute.$get>;
  const answer = await read(stockLeftRoute.$get({ query }));
  const keys = ["id", "slug", "name", "stockQty"] as const;
  return {
    items: pick(stockLeftRoute.$get, answer.items, keys),
    nextCursor: answer.nextCursor,
    totalStock: answer.totalStock,
  };
}

export async function lowStock(
  threshold: number | undefined,
  cursor?: string,
  limit = 50,
): Promise<Page<LowStockRow> & { threshold: number | null }> {
  const query = {
    ...page(limit, cursor),
    ...(threshold === undefined ? {} : { threshold: String(threshold) }),
  } as QueryOf<typeof lowStockRoute.$get>;
  const answer = await read(lowStockRoute.$get({ query }));
  const keys = ["id", "slug", "name", "stockQty", "threshold"] as const;
  return {
    items: pick(lowStockRoute.$get, answer.items, keys),
    nextCursor: answer.nextCursor,
    threshold: answer.threshold,
  };
}

export async function productRatings(cursor?: string, limit = 50): Promise<Page<RatingRow>> {
  const query = page(limit, cursor) as QueryOf<typeof ratingsRoute.$get>;
  const answer = await read(ratingsRoute.$get({ query }));
  const keys = ["id", "slug", "name", "average", "count"] as const;
  return { items: pick(ratingsRoute.$get, answer.items, keys), nextCursor: answer.nextCursor };
}

/** Revenue per UTC day over [from, to) (YYYY-MM-DD), every page of it: a range is at most 366 days. */
export async function revenueByDay(from: string, to: string): Promise<{ currency: string; items: RevenueRow[] }> {
  const items: RevenueRow[] = [];
  let cursor: string | undefined;
  let currency = "USD";
  const keys = ["day", "orders", "paidOrders", "revenue"] as const;
  for (let pages = 0; pages < 10; pages++) {
    const query = { ...page(100, cursor), from, to } as QueryOf<typeof revenueRoute.$get>;
    const answer = await read(revenueRoute.$get({ query }));
    currency = answer.currency;
    items.push(...pick(revenueRoute.$get, answer.items, keys));
    if (!answer.nextCursor) break;
    cursor = answer.nextCursor;
  }
  return { currency, items };
}

/**
 * The client files this route under the reports' merged key too, and none of the merged answers has
 * its fields: its type is read from the route's own response schema instead.
 */
type OrdersByStatus = z.infer<typeof ordersByStatusSchema>;
export type StatusCount = OrdersByStatus["items"][number];

/** How many orders are in each status, over every order (every status, zero included). */
export async function ordersByStatus(): Promise<StatusCount[]> {
  const answer: unknown = await read(byStatusRoute.$get({ query: {} as QueryOf<typeof byStatusRoute.$get> }));
  return (answer as OrdersByStatus).items.map(({ status, count }) => ({ status, count }));
}

/** The products with the most units in paid orders over the last `days` days. */
export async function topProducts(
  days: number,
  cursor?: string,
  limit = 50,
): Promise<Page<TopProductRow> & { days: number; currency: string }> {
  const query = { ...page(limit, cursor), days: String(days) } as QueryOf<typeof topProductsRoute.$get>;
  const answer = await read(topProductsRoute.$get({ query }));
  const keys = ["productId", "name", "units", "revenue"] as const;
  return {
    items: pick(topProductsRoute.$get, answer.items, keys),
    nextCursor: answer.nextCursor,
    days: answer.days,
    currency: answer.currency,
  };
}
