import { describe, expect, it } from "vitest";
import { describeAction, usageOf } from "./promotion-labels.ts";

describe("promotions in staff's words", () => {
  it("says uses against the limit when there is one", () => {
    expect(usageOf({ usedCount: 12, usageLimit: 100 })).toBe("12 / 100");
    expect(usageOf({ usedCount: 7, usageLimit: null })).toBe("7");
  });

  it("says what each action takes off", () => {
    expect(describeAction({ type: "percent", percent: 20, cap: 5_000 }, "USD")).toBe("20 % off (at most $50.00)");
    expect(describeAction({ type: "fixed", amount: 1_050 }, "USD")).toBe("$10.50 off");
    expect(describeAction({ type: "fixed_price", price: 999, target: {} }, "USD")).toBe("Sold at $9.99 each");
    expect(describeAction({ type: "free_shipping" }, "USD")).toBe("Free shipping");
    const bxgy = { type: "bxgy", buy: {}, buyQuantity: 2, get: {}, getQuantity: 1 } as const;
    expect(describeAction({ ...bxgy, percent: 100 }, "USD")).toBe("Buy 2, get 1 free");
    expect(describeAction({ ...bxgy, percent: 50 }, "USD")).toBe("Buy 2, get 1 50 % off");
  });
});
