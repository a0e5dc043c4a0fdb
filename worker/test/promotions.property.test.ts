import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  couponPromotion,
  evaluatePromotions,
  nearestFreeShipping,
  type PromoLine,
  type Promotion,
} from "../domain/promotions.ts";

const line = (unitPrice: number, quantity: number, productId = "p", categoryId: string | null = null): PromoLine => ({
  productId,
  variantId: `${productId}-v`,
  categoryId,
  brandId: null,
  unitPrice,
  quantity,
});

const all: Promotion["combinesWith"] = ["item", "order", "shipping"];
const randomLine = fc.record({
  productId: fc.constantFrom("a", "b", "c"),
  variantId: fc.constantFrom("v1", "v2"),
  categoryId: fc.constantFrom("shoes", "hats", null),
  brandId: fc.constant(null),
  unitPrice: fc.integer({ min: 0, max: 100_000 }),
  quantity: fc.integer({ min: 1, max: 20 }),
});
const randomPromotion = fc.oneof(
  fc.record({
    id: fc.uuid(),
    kind: fc.constant("item" as const),
    priority: fc.integer({ min: 0, max: 3 }),
    combinesWith: fc.subarray(all),
    minSubtotal: fc.option(fc.integer({ min: 0, max: 500_000 }), { nil: undefined }),
    action: fc.oneof(
      fc.record({
        type: fc.constant("percent" as const),
        percent: fc.integer({ min: 1, max: 100 }),
        target: fc.record({ categoryIds: fc.constantFrom(["shoes"], ["hats"], []) }),
      }),
      fc.record({
        type: fc.constant("fixed_price" as const),
        price: fc.integer({ min: 0, max: 50_000 }),
        target: fc.record({ productIds: fc.constantFrom(["a"], ["b"]) }),
      }),
      fc.record({
        type: fc.constant("bxgy" as const),
        buy: fc.record({ productIds: fc.constantFrom(["a"], ["a", "b"]) }),
        buyQuantity: fc.integer({ min: 1, max: 3 }),
        get: fc.record({ productIds: fc.constantFrom(["a"], ["b"]) }),
        getQuantity: fc.integer({ min: 1, max: 2 }),
        percent: fc.integer({ min: 1, max: 100 }),
        maxApplications: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
      }),
    ),
  }),
  fc.record({
    id: fc.uuid(),
    kind: fc.constant("order" as const),
    priority: fc.integer({ min: 0, max: 3 }),
    combinesWith: fc.subarray(all),
    action: fc.oneof(
      fc.record({ type: fc.constant("percent" as const), percent: fc.integer({ min: 1, max: 100 }) }),
      fc.record({ type: fc.constant("fixed" as const), amount: fc.integer({ min: 1, max: 200_000 }) }),
    ),
  }),
  fc.record({
    id: fc.uuid(),
    kind: fc.constant("shipping" as const),
    priority: fc.integer({ min: 0, max: 3 }),
    combinesWith: fc.subarray(all),
    action: fc.constant({ type: "free_shipping" as const }),
  }),
);

describe("promotions (property-based, 2,000 random carts and promotion sets)", () => {
  it("shares every discount among lines exactly, takes no line below zero, applies one order and one shipping promotion, item promotions on one line only when they stack, and only ones that combine", () => {
    fc.assert(
      fc.property(
        fc.array(randomLine, { minLength: 1, maxLength: 8 }),
        fc.array(randomPromotion, { maxLength: 6 }),
        fc.integer({ min: 0, max: 5_000 }),
        (lines, promotions, shipping) => {
          const result = evaluatePromotions(lines, promotions as Promotion[], shipping);
          const kinds = result.applied.map((a) => a.kind);
          expect(kinds.filter((k) => k === "order").length).toBeLessThanOrEqual(1);
          expect(kinds.filter((k) => k === "shipping").length).toBeLessThanOrEqual(1);
          for (const a of result.applied) {
            expect(a.lineShares.reduce((sum, s) => sum + s, 0)).toBe(a.amount);
            for (const s of a.lineShares) expect(Number.isInteger(s) && s >= 0).toBe(true);
            const own = promotions.find((p) => p.id === a.id) as Promotion;
            for (const b of result.applied) {
              if (b === a) continue;
              if (b.kind !== a.kind) expect(own.combinesWith).toContain(b.kind);
              const sameLine = a.lineShares.some((share, i) => share > 0 && b.lineShares[i] > 0);
              if (a.kind === "item" && b.kind === "item" && sameLine) expect(own.combinesWith).toContain("item");
            }
          }
          lines.forEach((l, i) => {
            expect(result.lineDiscounts[i]).toBeGreaterThanOrEqual(0);
            expect(result.lineDiscounts[i]).toBeLessThanOrEqual(l.unitPrice * l.quantity);
          });
          expect(result.shippingDiscount).toBeGreaterThanOrEqual(0);
          expect(result.shippingDiscount).toBeLessThanOrEqual(shipping);
        },
      ),
      { numRuns: 2_000 },
    );
  });
});

/** Buy X get Y unit by unit, the slow and obvious way: the most applications whose buys remain. */
function referenceGiven(lines: PromoLine[], buy: string[], get: string[], buyQuantity: number, getQuantity: number) {
  const units = lines.flatMap((line, index) =>
    Array.from({ length: line.quantity }, () => ({ index, price: line.unitPrice, product: line.productId })),
  );
  const gets = units.filter((u) => get.includes(u.product)).sort((a, b) => a.price - b.price || a.index - b.index);
  for (let n = Math.floor(gets.length / getQuantity); n > 0; n--) {
    const taken = new Set(gets.slice(0, n * getQuantity));
    if (units.filter((u) => buy.includes(u.product) && !taken.has(u)).length >= n * buyQuantity) {
      return lines.map((_, i) => [...taken].filter((u) => u.index === i).length);
    }
  }
  return lines.map(() => 0);
}

describe("buy X get Y against a unit-by-unit reference (1,000 random carts)", () => {
  it("gives the same units free as counting unit by unit", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            productId: fc.constantFrom("a", "b", "c"),
            unitPrice: fc.integer({ min: 0, max: 5_000 }),
            quantity: fc.integer({ min: 1, max: 6 }),
          }),
          { minLength: 1, maxLength: 5 },
        ),
        fc.constantFrom<string[]>(["a"], ["a", "b"], ["b", "c"]),
        fc.constantFrom<string[]>(["a"], ["b"], ["a", "c"]),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 2 }),
        (raw, buy, get, buyQuantity, getQuantity) => {
          const lines = raw.map((r, i) => ({ ...r, variantId: `v${i}`, categoryId: null, brandId: null }));
          const promotion: Promotion = {
            id: "bxgy",
            kind: "item",
            priority: 0,
            combinesWith: [],
            action: {
              type: "bxgy",
              buy: { productIds: buy },
              buyQuantity,
              get: { productIds: get },
              getQuantity,
              percent: 100,
            },
          };
          const given = referenceGiven(lines, buy, get, buyQuantity, getQuantity);
          expect(evaluatePromotions(lines, [promotion], 0).lineDiscounts).toEqual(
            given.map((units, i) => units * lines[i].unitPrice),
          );
        },
      ),
      { numRuns: 1_000 },
    );
  });

  it("prices a cart of 100 lines of 999 units under buy any 2 get any 1", () => {
    const lines = Array.from({ length: 100 }, (_, i) => line(100 + i, 999, `p${i}`));
    const anyTwoAnyOne: Promotion = {
      id: "any",
      kind: "item",
      priority: 0,
      combinesWith: [],
      action: { type: "bxgy", buy: {}, buyQuantity: 2, get: {}, getQuantity: 1, percent: 100 },
    };
    const result = evaluatePromotions(lines, [anyTwoAnyOne], 0);
    // 99,900 units: 33,300 given, the cheapest: lines 0–32 whole (33 × 999 = 32,967) and 333 of line 33.
    const expected = lines.map((l, i) => (i < 33 ? 999 * l.unitPrice : i === 33 ? 333 * l.unitPrice : 0));
    expect(result.lineDiscounts).toEqual(expected);
  });
});

describe("promotions: cases from the peers' trackers", () => {
  const buy2get1 = (maxApplications?: number): Promotion => ({
    id: "b2g1",
    kind: "item",
    priority: 0,
    combinesWith: [],
    action: {
      type: "bxgy",
      buy: { productIds: ["a"] },
      buyQuantity: 2,
      get: { productIds: ["a"] },
      getQuantity: 1,
      percent: 100,
      maxApplications,
    },
  });

  it("applies buy 2 get 1 as many times as the cart holds, no more (medusa #13265, #14432: applied the wrong number of times)", () => {
    for (const [quantity, free] of [
      [2, 0],
      [3, 1],
      [5, 1],
      [6, 2],
      [9, 3],
    ]) {
      const result = evaluatePromotions([line(1_000, quantity, "a")], [buy2get1()], 0);
      expect(result.lineDiscounts, `${quantity} units`).toEqual([free * 1_000]);
    }
    expect(evaluatePromotions([line(1_000, 9, "a")], [buy2get1(2)], 0).lineDiscounts).toEqual([2_000]);
  });

  it("applies a sale on one product and buy 2 get 1 on another together, each to its own lines", () => {
    const sale: Promotion = {
      id: "sale",
      kind: "item",
      priority: 0,
      combinesWith: [],
      action: { type: "percent", percent: 15, target: { productIds: ["shoes"] } },
    };
    const result = evaluatePromotions([line(8_000, 1, "shoes"), line(1_200, 3, "a")], [sale, buy2get1()], 0);
    expect(result.applied.map((a) => a.id).sort()).toEqual(["b2g1", "sale"]);
    expect(result.lineDiscounts).toEqual([1_200, 1_200]);
    // On the same line, the one that does not stack keeps the line to itself.
    const saleOnA: Promotion = { ...sale, action: { type: "percent", percent: 15, target: { productIds: ["a"] } } };
    const both = evaluatePromotions([line(1_000, 3, "a")], [saleOnA, buy2get1()], 0);
    expect(both.applied).toHaveLength(1);
  });

  it("takes a granted coupon beside a sale whatever the sale combines with, and the better of it and an automatic order promotion", () => {
    const sale: Promotion = {
      id: "sale",
      kind: "item",
      priority: 0,
      combinesWith: [],
      action: { type: "percent", percent: 10, target: { productIds: ["a"] } },
    };
    const coupon = (percent: number) =>
      couponPromotion("coupon", { kind: "percent", value: percent, minSubtotal: 0, maxDiscount: null });
    const cart = [line(10_000, 1, "a"), line(10_000, 1, "b")];
    const withSale = evaluatePromotions(cart, [sale, coupon(10)], 0);
    expect(withSale.applied.map((a) => a.id)).toEqual(["sale", "coupon"]);
    // 10 % of the goods as the sale left them: 9,000 + 10,000.
    expect(withSale.applied[1].amount).toBe(1_900);

    const twentyOff: Promotion = {
      id: "auto",
      kind: "order",
      priority: 5,
      combinesWith: [],
      action: { type: "percent", percent: 20 },
    };
    expect(evaluatePromotions(cart, [twentyOff, coupon(5)], 0).applied.map((a) => a.id)).toEqual(["auto"]);
    expect(evaluatePromotions(cart, [twentyOff, coupon(30)], 0).applied.map((a) => a.id)).toEqual(["coupon"]);
  });

  it("says how far the goods are from the nearest free shipping, and offers none that needs more items", () => {
    const over = (id: string, minSubtotal: number, minQuantity?: number): Promotion => ({
      id,
      kind: "shipping",
      priority: 0,
      combinesWith: [],
      minSubtotal,
      minQuantity,
      action: { type: "free_shipping" },
    });
    const cart = [line(2_000, 2, "a")];
    expect(nearestFreeShipping([over("fifty", 5_000), over("hundred", 10_000)], cart)).toMatchObject({
      promotion: { id: "fifty" },
      missing: 1_000,
    });
    expect(nearestFreeShipping([over("thirty", 3_000)], cart)?.missing).toBe(0);
    expect(nearestFreeShipping([over("three items", 0, 3)], cart)).toBeNull();
  });

  it("leaves out the categories, brands and products a target excludes", () => {
    const shoesButOne: Promotion = {
      id: "shoes",
      kind: "item",
      priority: 0,
      combinesWith: [],
      action: {
        type: "percent",
        percent: 10,
        target: { categoryIds: ["shoes"], excludeBrandIds: ["luxe"], excludeProductIds: ["c"] },
      },
    };
    const lines = [
      { ...line(1_000, 1, "a", "shoes"), brandId: "luxe" },
      line(1_000, 1, "b", "shoes"),
      line(1_000, 1, "c", "shoes"),
      line(1_000, 1, "d", "hats"),
    ];
    expect(evaluatePromotions(lines, [shoesButOne], 0).lineDiscounts).toEqual([0, 100, 0, 0]);
    const notHats: Promotion = {
      ...shoesButOne,
      action: { type: "percent", percent: 10, target: { excludeCategoryIds: ["hats"] } },
    };
    expect(evaluatePromotions(lines, [notHats], 0).lineDiscounts).toEqual([100, 100, 100, 0]);
  });

  it("gives the cheapest units free, each unit counted once across lines", () => {
    const result = evaluatePromotions([line(3_000, 2, "a"), line(1_000, 1, "a")], [buy2get1()], 0);
    expect(result.lineDiscounts).toEqual([0, 1_000]);
  });

  it("shares an order discount by largest remainder, exact to the cent (vendure #3091, #2995, medusa #12226: allocation off by cents)", () => {
    const tenOff: Promotion = {
      id: "ten",
      kind: "order",
      priority: 0,
      combinesWith: [],
      action: { type: "percent", percent: 10 },
    };
    const result = evaluatePromotions([line(399, 25, "a"), line(333, 3, "b"), line(1, 1, "c")], [tenOff], 0);
    const whole = 399 * 25 + 333 * 3 + 1;
    expect(result.applied[0].amount).toBe(Math.round(whole / 10));
    expect(result.lineDiscounts.reduce((sum, d) => sum + d, 0)).toBe(result.applied[0].amount);
  });

  it("keeps one promotion per kind, by priority then the best for the shopper, and respects what combines", () => {
    const shoes: Promotion = {
      id: "shoes",
      kind: "item",
      priority: 1,
      combinesWith: ["shipping"],
      action: { type: "percent", percent: 15, target: { categoryIds: ["shoes"] } },
    };
    const better: Promotion = {
      id: "better",
      kind: "item",
      priority: 0,
      combinesWith: ["order"],
      action: { type: "percent", percent: 50 },
    };
    const order: Promotion = {
      id: "order",
      kind: "order",
      priority: 0,
      combinesWith: ["item"],
      action: { type: "fixed", amount: 500 },
    };
    const ship: Promotion = {
      id: "ship",
      kind: "shipping",
      priority: 0,
      combinesWith: ["item"],
      action: { type: "free_shipping" },
    };
    const cart = [line(10_000, 1, "a", "shoes"), line(2_000, 1, "b", "hats")];
    const result = evaluatePromotions(cart, [shoes, better, order, ship], 700);
    // "shoes" wins the item kind by priority; "order" does not combine with it (shoes takes only shipping).
    expect(result.applied.map((a) => a.id)).toEqual(["shoes", "ship"]);
    expect(result.lineDiscounts).toEqual([1_500, 0]);
    expect(result.shippingDiscount).toBe(700);
  });

  it("leaves the goods at exactly 0 under a 100 % discount, never below", () => {
    const all100: Promotion = {
      id: "all",
      kind: "order",
      priority: 0,
      combinesWith: [],
      action: { type: "percent", percent: 100 },
    };
    const result = evaluatePromotions([line(1_999, 3, "a"), line(1, 1, "b")], [all100], 0);
    expect(result.lineDiscounts).toEqual([5_997, 1]);
  });
});
