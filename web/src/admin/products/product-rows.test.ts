import { describe, expect, it } from "vitest";
import type { AdminProduct } from "../lib/types.ts";
import { draftOf, isChanged, rowChanges } from "./product-rows.ts";

const variant = (id: string, stockQty: number) => ({ id, stockQty, price: 1_250 }) as AdminProduct["variants"][number];
const product = (variants: AdminProduct["variants"]) =>
  ({ id: "p1", currency: "USD", active: true, variants }) as AdminProduct;

describe("a product row before Save all", () => {
  it("is unchanged as read, and sends only what changed", () => {
    const lamp = product([variant("v1", 3)]);
    const draft = draftOf(lamp);
    expect(isChanged(lamp, draft)).toBe(false);
    expect(isChanged(lamp, { ...draft, price: "12.5" })).toBe(false);
    expect(rowChanges(lamp, { ...draft, price: "13", active: false })).toEqual({
      changes: { id: "p1", price: 1_300, active: false },
    });
    expect(rowChanges(lamp, { ...draft, stock: { v1: "7" }, reason: " counted " })).toEqual({
      changes: { id: "p1", stock: { v1: 7 }, stockReason: "counted" },
    });
  });

  it("names each problem by its field: a stock change needs a reason, a stock a whole number", () => {
    const shirt = product([variant("s", 1), variant("m", 2)]);
    const draft = { ...draftOf(shirt), stock: { s: "1", m: "-3" } };
    expect(isChanged(shirt, draft)).toBe(true);
    expect(rowChanges(shirt, draft).fields).toEqual({
      "stock.m": "Enter a whole number of at least 0.",
      stockReason: "Say why the stock changes: it is kept in the history.",
    });
  });
});
