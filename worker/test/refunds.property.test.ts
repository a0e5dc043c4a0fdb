import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Promotion } from "../domain/promotions.ts";
import { anywhere, quote, type ShippingTaxConfig } from "../domain/quote.ts";
import { type ChargedLine, lineRefund, planRefund, shippingCharged } from "../domain/refunds.ts";

/** A shop with one zone for the world (a flat shipping price) and two tax classes, as `pricesIncludeTax` says. */
const configOf = (pricesIncludeTax: boolean, shipping: number, rates: [number, number]): ShippingTaxConfig => ({
  pricesIncludeTax,
  shippingTaxClassId: "standard",
  zones: [
    {
      id: "world",
      name: "Everywhere",
      countries: ["*"],
      subdivisions: [],
      postalPatterns: [],
      position: 0,
      methods: [
        {
          id: "flat",
          name: "Flat",
          kind: "flat",
          price: shipping,
          freeAbove: null,
          minDays: null,
          maxDays: null,
          active: true,
          position: 0,
          bands: [],
        },
      ],
    },
  ],
  rates: [
    { taxClassId: "standard", country: "*", subdivision: "", rateBps: rates[0] },
    { taxClassId: "reduced", country: "*", subdivision: "", rateBps: rates[1] },
  ],
});

const randomLine = fc.record({
  productId: fc.constantFrom("a", "b", "c"),
  unitPrice: fc.integer({ min: 0, max: 200_000 }),
  quantity: fc.integer({ min: 1, max: 12 }),
  taxClassId: fc.constantFrom("standard", "reduced"),
});

const promotionsArb = fc.subarray<Promotion>([
  {
    id: "sale",
    kind: "item",
    priority: 0,
    combinesWith: ["order", "shipping"],
    action: { type: "percent", percent: 15, target: { productIds: ["a"] } },
  },
  {
    id: "b2g1",
    kind: "item",
    priority: 1,
    combinesWith: ["order", "shipping"],
    action: {
      type: "bxgy",
      buy: { productIds: ["b"] },
      buyQuantity: 2,
      get: { productIds: ["b"] },
      getQuantity: 1,
      percent: 100,
    },
  },
  {
    id: "tenth",
    kind: "order",
    priority: 0,
    combinesWith: ["item", "shipping"],
    action: { type: "percent", percent: 10 },
  },
  { id: "ship", kind: "shipping", priority: 0, combinesWith: ["item", "order"], action: { type: "free_shipping" } },
]);

describe("refunds (property-based, 1,000 random orders each way)", () => {
  for (const pricesIncludeTax of [false, true]) {
    it(`gives back exactly what was paid when every line and the shipping are refunded in random pieces, prices ${pricesIncludeTax ? "including" : "excluding"} tax, with promotions`, () => {
      fc.assert(
        fc.property(
          fc.array(randomLine, { minLength: 1, maxLength: 6 }),
          promotionsArb,
          fc.integer({ min: 0, max: 5_000 }),
          fc.tuple(fc.integer({ min: 0, max: 2_500 }), fc.integer({ min: 0, max: 2_500 })),
          fc.infiniteStream(fc.integer({ min: 1, max: 5 })),
          (raw, promotions, shipping, rates, pieces) => {
            const lines = raw.map((l, i) => ({
              ...l,
              variantId: `v${i}`,
              categoryId: null,
              brandId: null,
              shippingAmount: 0,
              weightGrams: 0,
            }));
            const { order } = quote(configOf(pricesIncludeTax, shipping, rates), lines, anywhere, promotions);
            // What the order stored: each line's net and tax, and its shipping as charged.
            const charged: ChargedLine[] = order.lines.map((l, i) => ({
              charged: l.net + l.tax,
              quantity: lines[i].quantity,
              refundedQuantity: 0,
            }));
            const shippingLeft = shippingCharged({
              shipping: order.shippingAmount,
              shippingTax: order.shipping.tax,
              pricesIncludeTax,
            });
            let refunded = 0;
            // Refunds of a few units of each line at a time, in turn, until every unit went back.
            while (charged.some((line) => line.refundedQuantity < line.quantity)) {
              const units = charged.map((line) =>
                Math.min(pieces.next().value as number, line.quantity - line.refundedQuantity),
              );
              const plan = planRefund(charged, { units, shipping: 0, extra: 0 }, shippingLeft);
              for (const amount of plan.lines) expect(amount).toBeGreaterThanOrEqual(0);
              refunded += plan.total;
              charged.forEach((line, i) => {
                line.refundedQuantity += units[i];
              });
            }
            refunded += planRefund(charged, { units: [], shipping: shippingLeft, extra: 0 }, shippingLeft).total;
            expect(refunded).toBe(order.total);
          },
        ),
        { numRuns: 1_000 },
      );
    });
  }

  it("never gives a unit back twice, nor a negative amount (medusa #15885, #14136, vendure #2393: refundable totals recomputed wrongly)", () => {
    const line = { charged: 1_000, quantity: 3, refundedQuantity: 0 };
    // 1000 / 3: the units give back 333, 333 and 334; in any grouping, the same 1000.
    expect([
      lineRefund(line, 1),
      lineRefund({ ...line, refundedQuantity: 1 }, 1),
      lineRefund({ ...line, refundedQuantity: 2 }, 1),
    ]).toEqual([333, 333, 334]);
    expect(lineRefund(line, 3)).toBe(1_000);
    expect(() => lineRefund({ ...line, refundedQuantity: 2 }, 2)).toThrow(RangeError);
    expect(() => lineRefund(line, -1)).toThrow(RangeError);
    expect(() => planRefund([line], { units: [0], shipping: 501, extra: 0 }, 500)).toThrow(RangeError);
  });
});
