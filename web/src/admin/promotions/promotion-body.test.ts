import { describe, expect, it } from "vitest";
import { FormInvalid } from "../../lib/field-errors.ts";
import { promotionBody, targetOf } from "./promotion-body.ts";
import { draftOf, instantOf, localOf } from "./promotion-draft.ts";
import type { Promotion } from "./promotions.ts";

const refused = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    if (error instanceof FormInvalid) return error.fields;
    throw error;
  }
  throw new Error("expected the draft to be refused");
};

const category = "00000000-0000-4000-8000-000000000001";
const product = "00000000-0000-4000-8000-000000000002";

describe("a promotion's draft", () => {
  it("turns what staff typed into what the API takes: money in minor units, instants in ISO, no empty lists", () => {
    const draft = {
      ...draftOf(null, "USD"),
      name: " Summer ",
      percent: "20",
      cap: "50.00",
      target: { categoryIds: [category], productIds: [] },
      startsAt: "2026-06-01T09:00",
      minSubtotal: "30",
      signedIn: true,
      combinesWith: ["order" as const],
    };
    expect(promotionBody(draft, "USD", true)).toEqual({
      name: "Summer",
      method: "automatic",
      kind: "item",
      status: "active",
      action: { type: "percent", percent: 20, cap: 5_000, target: { categoryIds: [category] } },
      startsAt: new Date("2026-06-01T09:00").toISOString(),
      endsAt: null,
      priority: 0,
      combinesWith: ["order"],
      usageLimit: null,
      perCustomerLimit: null,
      budget: null,
      conditions: { minSubtotal: 3_000, customer: { signedIn: true } },
    });
  });

  it("refuses what the API would, naming each field by its API path", () => {
    const draft = {
      ...draftOf(null, "USD"),
      kind: "item" as const,
      type: "fixed_price" as const,
      amount: "abc",
      startsAt: "2026-06-02T00:00",
      endsAt: "2026-06-01T00:00",
      usageLimit: "0",
      priority: "1.5",
    };
    expect(Object.keys(refused(() => promotionBody(draft, "USD", true))).sort()).toEqual([
      "action.price",
      "action.target",
      "endsAt",
      "name",
      "priority",
      "usageLimit",
    ]);
    const over = { ...draftOf(null, "USD"), name: "Too much", percent: "120", method: "code" as const, code: "no!" };
    expect(Object.keys(refused(() => promotionBody(over, "USD", true))).sort()).toEqual(["action.percent", "code"]);
  });

  it("sends a new promotion's code upper-cased, and no code when editing", () => {
    const draft = { ...draftOf(null, "USD"), name: "Code", method: "code" as const, percent: "5", code: " spring-26 " };
    expect(promotionBody(draft, "USD", true).code).toBe("SPRING-26");
    expect(promotionBody(draft, "USD", false)).not.toHaveProperty("code");
  });

  it("reads a saved promotion back into the same body", () => {
    const saved = {
      name: "Three for two",
      method: "automatic",
      kind: "item",
      status: "paused",
      action: {
        type: "bxgy",
        buy: { productIds: [product] },
        buyQuantity: 2,
        get: { productIds: [product] },
        getQuantity: 1,
        percent: 100,
        maxApplications: 3,
      },
      startsAt: "2026-06-01T09:00:00.000Z",
      endsAt: "2026-07-01T09:00:00.000Z",
      priority: -5,
      combinesWith: ["order", "shipping"],
      usageLimit: 100,
      perCustomerLimit: 1,
      budget: 250_000,
      conditions: { minQuantity: 3, customer: { firstOrder: true, accountIds: [product] } },
    } as unknown as Promotion;
    expect(promotionBody(draftOf(saved, "USD"), "USD", false)).toEqual(saved);
  });

  it("converts datetime-local values and instants both ways", () => {
    expect(instantOf("")).toBeNull();
    expect(instantOf("tomorrow")).toBeUndefined();
    expect(instantOf("2026-13-40T25:00")).toBeUndefined();
    expect(localOf(instantOf("2026-12-01T10:30") ?? null)).toBe("2026-12-01T10:30");
    expect(localOf(null)).toBe("");
    expect(targetOf({ productIds: [], brandIds: [] })).toBeUndefined();
  });
});
