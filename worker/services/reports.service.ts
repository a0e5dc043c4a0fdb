import { cursorKeys, decodeCursor, pageOf } from "../lib/cursor.ts";
import { AppError } from "../lib/errors.ts";
import type { ShopContext } from "../platform/context.ts";
import {
  ordersByStatus,
  outOfStock,
  productRatings,
  revenueByDay,
  shippingByMethod,
  stockLeft,
  taxByRegion,
  topProducts,
  underThreshold,
} from "../repositories/reports.repository.ts";

interface PageQuery {
  limit: number;
  cursor?: string;
}

const after = (query: PageQuery, key: RegExp) => (query.cursor ? decodeCursor(query.cursor, key) : undefined);

export async function outOfStockReport(ctx: ShopContext, query: PageQuery) {
  const rows = await outOfStock(ctx.db, { limit: query.limit + 1, after: after(query, cursorKeys.text) });
  const page = pageOf(rows, query.limit, (row) => [row.sortKey, row.variant.id]);
  return { ...page, items: page.items.map(({ sortKey: _, ...row }) => row) };
}

export async function stockLeftReport(ctx: ShopContext, query: PageQuery) {
  const { items, totalStock } = await stockLeft(ctx.db, {
    limit: query.limit + 1,
    after: after(query, cursorKeys.integer),
  });
  return { ...pageOf(items, query.limit, (row) => [String(row.variant.stockQty), row.variant.id]), totalStock };
}

export async function lowStockReport(ctx: ShopContext, query: PageQuery & { threshold?: number }) {
  const rows = await underThreshold(ctx.db, query.threshold, {
    limit: query.limit + 1,
    after: after(query, cursorKeys.integer),
  });
  return {
    threshold: query.threshold ?? null,
    ...pageOf(rows, query.limit, (row) => [String(row.variant.stockQty), row.variant.id]),
  };
}

export async function ratingsReport(ctx: ShopContext, query: PageQuery & { minVotes?: number }) {
  const rows = await productRatings(
    ctx.db,
    { limit: query.limit + 1, after: after(query, cursorKeys.decimal) },
    query.minVotes,
  );
  return pageOf(rows, query.limit, (row) => [String(row.average), row.id]);
}

const dayMs = 86_400_000;
const noId = /^$/;

/** Revenue per UTC day over [from, to), 1 to 366 days, paged by day. */
export async function revenueReport(ctx: ShopContext, query: PageQuery & { from: string; to: string }) {
  checkSpan(query.from, query.to);
  const last = query.cursor ? decodeCursor(query.cursor, cursorKeys.day, noId)[0] : undefined;
  const rows = await revenueByDay(ctx.db, query.from, query.to, { limit: query.limit + 1, after: last });
  return {
    from: query.from,
    to: query.to,
    bucket: "day" as const,
    currency: ctx.config.currency,
    ...pageOf(rows, query.limit, (row) => [row.day, ""]),
  };
}

/** [from, to) of 1 to 366 days, or 400 naming `to`. */
function checkSpan(from: string, to: string) {
  const days = (Date.parse(to) - Date.parse(from)) / dayMs;
  if (!(days >= 1 && days <= 366)) {
    throw new AppError("invalid_request", "The range must span 1 to 366 days, with from before to.", [
      { path: "to", message: "range out of bounds" },
    ]);
  }
}

/** Tax collected per destination country and rate over [from, to). */
export async function taxReport(ctx: ShopContext, query: { from: string; to: string }) {
  checkSpan(query.from, query.to);
  const items = await taxByRegion(ctx.db, query.from, query.to);
  return { from: query.from, to: query.to, currency: ctx.config.currency, items };
}

/** Shipping charged per method over [from, to). */
export async function shippingReport(ctx: ShopContext, query: { from: string; to: string }) {
  checkSpan(query.from, query.to);
  const items = await shippingByMethod(ctx.db, query.from, query.to);
  return { from: query.from, to: query.to, currency: ctx.config.currency, items };
}

export const ordersByStatusReport = async (ctx: ShopContext) => ({ items: await ordersByStatus(ctx.db) });

export async function topProductsReport(ctx: ShopContext, query: PageQuery & { days: number }) {
  const rows = await topProducts(ctx.db, query.days, {
    limit: query.limit + 1,
    after: after(query, cursorKeys.integer),
  });
  return {
    days: query.days,
    currency: ctx.config.currency,
    ...pageOf(rows, query.limit, (row) => [String(row.units), row.productId]),
  };
}
