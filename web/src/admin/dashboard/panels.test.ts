import { describe, expect, it } from "vitest";
import type { LiveOrder, LiveStats } from "../lib/types.ts";
import { feedOf, feedSize, statusChart, withComment, withOrder, withToday } from "./panels.ts";

const order = (id: string, at: string) =>
  ({ id, createdAt: at, events: [{ at }], status: "paid", total: 100, currency: "USD" }) as unknown as LiveOrder;

describe("what a live message changes on the dashboard", () => {
  it("puts an order that moved first, once, and shows the latest changed first", () => {
    const older = order("a", "2026-03-01T10:00:00Z");
    const newer = order("b", "2026-03-01T11:00:00Z");
    const moved = order("a", "2026-03-01T12:00:00Z");
    const orders = withOrder([newer, older], moved);
    expect(orders.map((o) => o.id)).toEqual(["a", "b"]);
    expect(feedOf([older, newer]).map((o) => o.id)).toEqual(["b", "a"]);
    const many = Array.from({ length: 30 }, (_, i) =>
      order(`o${i}`, `2026-03-01T10:${String(i).padStart(2, "0")}:00Z`),
    );
    expect(many.reduce(withOrder, [])).toHaveLength(feedSize * 2);
    expect(feedOf(many)).toHaveLength(feedSize);
  });

  it("makes today's revenue bar the live counters', leaving the other days", () => {
    const report = {
      currency: "USD",
      items: [
        { day: "2026-03-30", orders: 2, paidOrders: 2, revenue: 500 },
        { day: "2026-03-31", orders: 1, paidOrders: 1, revenue: 100 },
      ],
    };
    const stats = { ordersToday: 3, revenueToday: 900 } as LiveStats;
    expect(withToday(report, stats, "2026-03-31").items).toEqual([
      { day: "2026-03-30", orders: 2, paidOrders: 2, revenue: 500 },
      { day: "2026-03-31", orders: 3, paidOrders: 1, revenue: 900 },
    ]);
  });

  it("adds a waiting comment once, keeping whether more wait", () => {
    const comment = { id: "c", kind: "suggestion", body: "More teapots" } as const;
    const waiting = withComment(withComment({ items: [], more: true }, comment), comment);
    expect(waiting).toEqual({ items: [comment], more: true });
  });

  it("charts only the statuses that have orders, in their order", () => {
    const chart = statusChart([
      { status: "shipped", count: 2 },
      { status: "paid", count: 1 },
      { status: "canceled", count: 0 },
    ] as Parameters<typeof statusChart>[0]);
    expect(chart.data).toEqual([1, 2]);
    expect(chart.labels).toHaveLength(2);
  });
});
