import { createMemo, createSignal, onCleanup } from "solid-js";
import { read } from "../../lib/http.ts";
import { formatMoney } from "../../lib/money.ts";
import { api } from "../../lib/session.ts";
import { createLoader } from "../lib/data.ts";
import { onDashboard } from "../lib/live.ts";
import { orderStatuses, statusLabels } from "../lib/orders.ts";
import type { CommentAlert, LiveOrder, LiveStats, LowStockAlert } from "../lib/types.ts";
import { lowStock, ordersByStatus, type RevenueRow, revenueByDay, topProducts } from "../reports/reports.ts";

/*
 * The live dashboard's state, without markup: each part read once from the API, then kept current by
 * the dashboard socket's messages (counters, orders, low-stock alerts, comments), the charts read again
 * shortly after orders move them.
 */

/** How many recent orders the live feed shows. */
export const feedSize = 10;
const dayMs = 86_400_000;
const utcDay = (time: number) => new Date(time).toISOString().slice(0, 10);
export const dayLabel = (day: string) =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" });

/** When an order last changed (its newest event). */
export const lastChange = (order: LiveOrder) => order.events.at(-1)?.at ?? order.createdAt;

export function createDashboard() {
  const [stats, setStats] = createSignal<LiveStats | null>(null);
  const [recent, setRecent] = createSignal<LiveOrder[]>([]);
  const [days, setDays] = createSignal<RevenueRow[]>([]);
  const [alerts, setAlerts] = createSignal<LowStockAlert[]>([]);
  const [comments, setComments] = createSignal<CommentAlert[]>([]);
  const [moreComments, setMoreComments] = createSignal(false);

  const counters = createLoader(async () => {
    const current = await read(api.admin.stats.$get());
    if (!stats()) setStats(current);
    return current;
  });

  const orders = createLoader(async () => {
    const page = await read(api.admin.orders.$get({ query: { limit: String(feedSize) } }));
    // Orders that arrived live while this loaded are newer than the page: keep them.
    setRecent((live) => [...live, ...page.items.filter((order) => !live.some((l) => l.id === order.id))]);
    return page;
  });

  const revenue = createLoader(async () => {
    const now = Date.now();
    const report = await revenueByDay(utcDay(now - 29 * dayMs), utcDay(now + dayMs));
    setDays(report.items);
    return report;
  });

  const alertsLoader = createLoader(async () => {
    const report = await lowStock(undefined, undefined, 10);
    setAlerts((live) => [
      ...live,
      ...report.items
        .filter((row) => !live.some((alert) => alert.variant.id === row.variant.id))
        .map(({ product, variant }) => ({
          product: { id: product.id, name: product.name },
          variant: {
            id: variant.id,
            title: variant.title,
            sku: variant.sku,
            stockQty: variant.stockQty,
            threshold: variant.threshold,
          },
        })),
    ]);
    return report;
  });

  const commentsLoader = createLoader(async () => {
    const page = await read(api.admin.comments.$get({ query: { approved: "false", limit: "5" } }));
    setComments((live) => [
      ...live,
      ...page.items
        .filter((row) => !live.some((comment) => comment.id === row.id))
        .map((row) => ({ id: row.id, kind: row.kind, body: row.body })),
    ]);
    setMoreComments(page.nextCursor !== null);
    return page;
  });

  const statuses = createLoader(ordersByStatus);
  const top = createLoader(() => topProducts(30, undefined, 5));
  // Orders move the status and product charts: they are read again shortly after (once per burst).
  let chartsTimer: ReturnType<typeof setTimeout> | undefined;
  const refreshCharts = () => {
    clearTimeout(chartsTimer);
    chartsTimer = setTimeout(() => {
      void statuses.reload();
      void top.reload();
    }, 1_000);
  };
  onCleanup(() => clearTimeout(chartsTimer));

  /** Today's bar follows the live counters, which count exactly what the report counts for today. */
  const applyStats = (next: LiveStats) => {
    setStats(next);
    const today = utcDay(Date.now());
    const list = days();
    if (list.length === 0) return;
    if (list.at(-1)?.day !== today) {
      void revenue.reload();
      return;
    }
    setDays(
      list.map((day) => (day.day === today ? { ...day, revenue: next.revenueToday, orders: next.ordersToday } : day)),
    );
  };

  onDashboard((message) => {
    if (message.type === "snapshot" || message.type === "stats") applyStats(message.stats);
    else if (message.type === "order") {
      const order = message.order;
      setRecent((list) => [order, ...list.filter((o) => o.id !== order.id)].slice(0, feedSize * 2));
      refreshCharts();
    } else if (message.type === "low_stock") {
      const { product, variant } = message;
      setAlerts((list) => [{ product, variant }, ...list.filter((a) => a.variant.id !== variant.id)].slice(0, 10));
    } else if (message.type === "comment")
      setComments((list) => [message.comment, ...list.filter((c) => c.id !== message.comment.id)]);
  });

  const currency = () => stats()?.currency ?? "USD";
  const money = (minor: number) => formatMoney(minor, currency());

  const feed = createMemo(() =>
    [...recent()].sort((a, b) => Date.parse(lastChange(b)) - Date.parse(lastChange(a))).slice(0, feedSize),
  );
  const byStatus = createMemo(() => {
    const present = orderStatuses
      .map((status) => ({ status, count: statuses.value()?.find((row) => row.status === status)?.count ?? 0 }))
      .filter((row) => row.count > 0);
    return { labels: present.map((row) => statusLabels[row.status]), data: present.map((row) => row.count) };
  });

  return {
    stats,
    currency,
    money,
    days,
    alerts,
    comments,
    moreComments,
    feed,
    byStatus,
    counters,
    orders,
    revenue,
    alertsLoader,
    commentsLoader,
    statuses,
    top,
  };
}

export type Dashboard = ReturnType<typeof createDashboard>;
