import { describe, expect, it } from "vitest";
import { lowStockThreshold, nextDay, reportView, revenueRange, topProductsDays } from "./address.ts";

/** The page and its route's preload read the same report: both take its arguments from the address with these. */
describe("the reports' address", () => {
  const now = Date.parse("2026-03-31T12:00:00Z");

  it("names a view, revenue by default or when it names none of them", () => {
    expect(reportView("low-stock")).toBe("low-stock");
    expect(reportView(undefined)).toBe("revenue");
    expect(reportView("nonsense")).toBe("revenue");
    expect(reportView(["ratings", "revenue"])).toBe("revenue");
  });

  it("chooses the revenue range, the last 30 days up to today by default", () => {
    expect(revenueRange({}, now)).toEqual({ from: "2026-03-02", to: "2026-03-31" });
    expect(revenueRange({ from: "2026-01-01", to: "2026-01-31" }, now)).toEqual({
      from: "2026-01-01",
      to: "2026-01-31",
    });
    expect(revenueRange({ from: "yesterday", to: "2026-01-31" }, now)).toEqual({
      from: "2026-03-02",
      to: "2026-01-31",
    });
    expect(nextDay("2026-02-28")).toBe("2026-03-01");
  });

  it("chooses a low-stock threshold, or none (each variant's own)", () => {
    expect(lowStockThreshold("5")).toBe(5);
    expect(lowStockThreshold("0")).toBe(0);
    expect(lowStockThreshold(undefined)).toBeUndefined();
    expect(lowStockThreshold("-1")).toBeUndefined();
  });

  it("chooses the top-products period among those offered, 30 days by default", () => {
    expect(topProductsDays("90")).toBe(90);
    expect(topProductsDays("12")).toBe(30);
    expect(topProductsDays(undefined)).toBe(30);
  });
});
