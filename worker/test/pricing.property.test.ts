import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CouponTerms, couponDiscount, divideHalfUp, meetsMinimum } from "../domain/pricing.ts";
import { couponPromotion } from "../domain/promotions.ts";
import { anywhere, quote, type ShippingTaxConfig } from "../domain/quote.ts";

/**
 * A cart priced as checkout prices it, in the shop as its migration sets it up: one zone for the
 * world whose method charges each item's own shipping, one tax class at `taxRateBps` there, tax added.
 */
function priceOrder(
  lines: { unitPrice: number; quantity: number; shippingAmount: number }[],
  taxRateBps: number,
  coupon?: CouponTerms,
) {
  const config: ShippingTaxConfig = {
    pricesIncludeTax: false,
    shippingTaxClassId: "zero",
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
            id: "standard",
            name: "Standard",
            kind: "per_item",
            price: 0,
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
    rates: [{ taxClassId: "standard", country: "*", subdivision: "", rateBps: taxRateBps }],
  };
  const subtotal = lines.reduce((sum, line) => sum + line.unitPrice * line.quantity, 0);
  const discount = coupon && meetsMinimum(subtotal, coupon) ? couponDiscount(subtotal, coupon) : 0;
  const taxed = lines.map((line, i) => ({
    ...line,
    productId: `p${i}`,
    variantId: `v${i}`,
    categoryId: null,
    brandId: null,
    weightGrams: 0,
    taxClassId: "standard",
  }));
  // The coupon is priced as the promotion it is, and takes off exactly what its own rule says.
  const { order } = quote(config, taxed, anywhere, coupon ? [couponPromotion("coupon", coupon)] : []);
  if (order.discount !== discount) throw new Error(`coupon as promotion took ${order.discount}, not ${discount}`);
  return {
    subtotal: order.subtotal,
    discount: order.discount,
    tax: order.tax,
    shipping: order.shippingAmount,
    total: order.total,
  };
}

const line = fc.record({
  unitPrice: fc.integer({ min: 0, max: 5_000_000 }),
  quantity: fc.integer({ min: 1, max: 999 }),
  shippingAmount: fc.integer({ min: 0, max: 100_000 }),
});
const coupon = fc.oneof(
  fc.record({
    kind: fc.constant("percent" as const),
    value: fc.integer({ min: 1, max: 100 }),
    minSubtotal: fc.integer({ min: 0, max: 1_000_000 }),
    maxDiscount: fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: null }),
  }),
  fc.record({
    kind: fc.constant("fixed" as const),
    value: fc.integer({ min: 1, max: 100_000_000 }),
    minSubtotal: fc.integer({ min: 0, max: 1_000_000 }),
    maxDiscount: fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: null }),
  }),
);
const taxRate = fc.integer({ min: 0, max: 5_000 });

describe("pricing (property-based, 2,000 random carts and coupons each)", () => {
  it("never discounts more than the subtotal and never totals below zero", () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 20 }), coupon, taxRate, (lines, terms, bps) => {
        const p = priceOrder(lines, bps, terms);
        expect(p.discount).toBeGreaterThanOrEqual(0);
        expect(p.discount).toBeLessThanOrEqual(p.subtotal);
        expect(p.total).toBeGreaterThanOrEqual(0);
        expect(p.total).toBe(p.subtotal - p.discount + p.tax + p.shipping);
        for (const value of Object.values(p)) expect(Number.isInteger(value)).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });

  it("keeps subtotal + shipping equal to the sum of actual prices × quantities", () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 20 }), taxRate, (lines, bps) => {
        const p = priceOrder(lines, bps);
        expect(p.subtotal + p.shipping).toBe(
          lines.reduce((s, l) => s + (l.unitPrice + l.shippingAmount) * l.quantity, 0),
        );
        expect(p.discount).toBe(0);
      }),
      { numRuns: 2_000 },
    );
  });

  it("applies no discount below the coupon's minimum subtotal, and respects maxDiscount", () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 5 }), coupon, (lines, terms) => {
        const p = priceOrder(lines, 0, terms);
        if (p.subtotal < terms.minSubtotal) expect(p.discount).toBe(0);
        if (terms.maxDiscount !== null) expect(p.discount).toBeLessThanOrEqual(terms.maxDiscount);
      }),
      { numRuns: 2_000 },
    );
  });

  it("rounds a percentage half up to the minor unit, exactly", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), fc.integer({ min: 1, max: 100 }), (subtotal, percent) => {
        const exact = (subtotal * percent) / 100;
        const expected = exact - Math.floor(exact) >= 0.5 ? Math.ceil(exact) : Math.floor(exact);
        expect(couponDiscount(subtotal, { kind: "percent", value: percent, minSubtotal: 0, maxDiscount: null })).toBe(
          expected,
        );
      }),
      { numRuns: 2_000 },
    );
    expect(divideHalfUp(25, 10)).toBe(3);
    expect(divideHalfUp(24, 10)).toBe(2);
  });
});
