import { query, type RoutePreloadFuncArgs, revalidate } from "@solidjs/router";
import { onCleanup } from "solid-js";
import { changeQuery, setQuery } from "../../lib/data.ts";
import { read } from "../../lib/http.ts";
import { api } from "../../lib/session.ts";
import { onDashboard } from "../lib/live.ts";
import type { LiveOrder, LiveStats, LowStockAlert } from "../lib/types.ts";
import { lowStock, ordersByStatus, revenueByDay, topProducts } from "../reports/reports.ts";
import {
  dayMs,
  feedSize,
  type RevenueDays,
  utcDay,
  type WaitingComments,
  withAlert,
  withComment,
  withOrder,
  withToday,
} from "./panels.ts";

/*
 * The live dashboard's data, without markup: each panel is a query read once from the API, then kept
 * current by the dashboard socket's messages (counters, orders, low-stock alerts, comments), which go
 * into the queries' cache; the charts that orders move are read again shortly after.
 */

export const getDashboardCounters = query(() => read(api.admin.stats.$get()), "admin-dashboard-counters");

/** The latest orders; orders that come live join them (twice the feed, so a moved order finds its place). */
export const getRecentOrders = query(
  async (): Promise<LiveOrder[]> => (await read(api.admin.orders.$get({ query: { limit: String(feedSize) } }))).items,
  "admin-dashboard-recent-orders",
);

/** Revenue per UTC day over the last 30 days, today included. */
export const getDashboardRevenue = query((): Promise<RevenueDays> => {
  const now = Date.now();
  return revenueByDay(utcDay(now - 29 * dayMs), utcDay(now + dayMs));
}, "admin-dashboard-revenue");

export const getOrdersByStatus = query(ordersByStatus, "admin-dashboard-by-status");

export const getDashboardTopProducts = query(() => topProducts(30, undefined, 5), "admin-dashboard-top-products");

export const getLowStockAlerts = query(async (): Promise<LowStockAlert[]> => {
  const report = await lowStock(undefined, undefined, 10);
  return report.items.map(({ product, variant }) => ({
    product: { id: product.id, name: product.name },
    variant: {
      id: variant.id,
      title: variant.title,
      sku: variant.sku,
      stockQty: variant.stockQty,
      threshold: variant.threshold,
    },
  }));
}, "admin-dashboard-low-stock");

export const getWaitingComments = query(async (): Promise<WaitingComments> => {
  const page = await read(api.admin.comments.$get({ query: { approved: "false", limit: "5" } }));
  return {
    items: page.items.map((row) => ({ id: row.id, kind: row.kind, body: row.body })),
    more: page.nextCursor !== null,
  };
}, "admin-dashboard-comments");

/** /admin: every panel's first read starts with the navigation. */
export function preloadDashboard(_: RoutePreloadFuncArgs): Promise<unknown>[] {
  return [
    getDashboardCounters(),
    getRecentOrders(),
    getDashboardRevenue(),
    getOrdersByStatus(),
    getDashboardTopProducts(),
    getLowStockAlerts(),
    getWaitingComments(),
  ];
}

/**
 * What a panel's query holds once its answer is there: a message that comes while it is on its way
 * waits for it, and changes the newest value (another message may have changed it meanwhile).
 * Nothing when the read failed: the panel says so, and its retry reads it again.
 */
async function held<T>(panel: (() => Promise<T>) & { keyFor: () => string }): Promise<T | undefined> {
  try {
    await panel();
  } catch {
    return undefined;
  }
  return query.get(panel.keyFor()) as T;
}

/** Changes what a panel holds, in place, as a live message says. */
const change = <T>(panel: (() => Promise<T>) & { keyFor: () => string }, update: (value: T) => T) =>
  changeQuery(panel, [], update);

/**
 * Keeps the dashboard's panels current while the calling page is shown: the socket's counters,
 * orders, low-stock alerts and comments go into the panels' queries; the charts that orders move
 * are read again shortly after (once per burst).
 */
export function followDashboard() {
  let chartsTimer: ReturnType<typeof setTimeout> | undefined;
  const refreshCharts = () => {
    clearTimeout(chartsTimer);
    chartsTimer = setTimeout(() => void revalidate([getOrdersByStatus.key, getDashboardTopProducts.key]), 1_000);
  };
  onCleanup(() => clearTimeout(chartsTimer));

  const applyStats = async (stats: LiveStats) => {
    await setQuery(getDashboardCounters, [], stats);
    const report = await held(getDashboardRevenue);
    if (!report || report.items.length === 0) return;
    const today = utcDay(Date.now());
    // A new day began since the report was read: it is read again, with today's bar.
    if (report.items.at(-1)?.day !== today) await revalidate(getDashboardRevenue.key);
    else await change(getDashboardRevenue, (days) => withToday(days, stats, today));
  };

  onDashboard((message) => {
    if (message.type === "snapshot" || message.type === "stats") void applyStats(message.stats);
    else if (message.type === "order") {
      void change(getRecentOrders, (orders) => withOrder(orders, message.order));
      refreshCharts();
    } else if (message.type === "low_stock") {
      const { product, variant } = message;
      void change(getLowStockAlerts, (alerts) => withAlert(alerts, { product, variant }));
    } else if (message.type === "comment")
      void change(getWaitingComments, (waiting) => withComment(waiting, message.comment));
  });
}
