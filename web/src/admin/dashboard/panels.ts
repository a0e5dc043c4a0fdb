import { orderStatuses, statusLabels } from "../lib/orders.ts";
import type { CommentAlert, LiveOrder, LiveStats, LowStockAlert } from "../lib/types.ts";
import type { RevenueRow, StatusCount } from "../reports/reports.ts";

/* What the dashboard's panels hold, and what a live message changes in them: plain functions. */

/** How many recent orders the live feed shows. */
export const feedSize = 10;
export const dayMs = 86_400_000;
export const utcDay = (time: number) => new Date(time).toISOString().slice(0, 10);
export const dayLabel = (day: string) =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" });

/** When an order last changed (its newest event). */
export const lastChange = (order: LiveOrder) => order.events.at(-1)?.at ?? order.createdAt;

export interface RevenueDays {
  currency: string;
  items: RevenueRow[];
}
export interface WaitingComments {
  items: CommentAlert[];
  /** Whether more are waiting than were read. */
  more: boolean;
}

/** The feed's orders, the one that moved first. */
export const withOrder = (orders: LiveOrder[], order: LiveOrder) =>
  [order, ...orders.filter((o) => o.id !== order.id)].slice(0, feedSize * 2);

/** The orders the feed shows: the latest changed first. */
export const feedOf = (orders: LiveOrder[]) =>
  [...orders].sort((a, b) => Date.parse(lastChange(b)) - Date.parse(lastChange(a))).slice(0, feedSize);

export const withAlert = (alerts: LowStockAlert[], alert: LowStockAlert) =>
  [alert, ...alerts.filter((a) => a.variant.id !== alert.variant.id)].slice(0, 10);

export const withComment = (waiting: WaitingComments, comment: CommentAlert): WaitingComments => ({
  ...waiting,
  items: [comment, ...waiting.items.filter((c) => c.id !== comment.id)],
});

/** Today's bar follows the live counters, which count exactly what the report counts for today. */
export const withToday = (report: RevenueDays, stats: LiveStats, today: string): RevenueDays => ({
  ...report,
  items: report.items.map((day) =>
    day.day === today ? { ...day, revenue: stats.revenueToday, orders: stats.ordersToday } : day,
  ),
});

/** The statuses that have orders, in their order, as the doughnut shows them. */
export const statusChart = (rows: StatusCount[]) => {
  const present = orderStatuses
    .map((status) => ({ status, count: rows.find((row) => row.status === status)?.count ?? 0 }))
    .filter((row) => row.count > 0);
  return { labels: present.map((row) => statusLabels[row.status]), data: present.map((row) => row.count) };
};
