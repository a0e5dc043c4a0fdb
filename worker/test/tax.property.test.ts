import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { couponDiscount } from "../domain/pricing.ts";
import { shareDiscount, taxLine, taxOrder } from "../domain/tax.ts";

const rate = fc.integer({ min: 0, max: 5_000 });
const line = fc.record({ amount: fc.integer({ min: 0, max: 50_000_000 }), rateBps: rate });
const lines = fc.array(line, { minLength: 1, maxLength: 20 });
/** Lines with a discount between 0 and their sum. */
const discounted = lines.chain((ls) =>
  fc.tuple(fc.constant(ls), fc.integer({ min: 0, max: ls.reduce((sum, l) => sum + l.amount, 0) })),
);

describe("tax per line (property-based, 2,000 random orders each)", () => {
  it("shares a discount among the lines exactly, none above its line, each within a cent of its proportion", () => {
    fc.assert(
      fc.property(discounted, ([ls, discount]) => {
        const amounts = ls.map((l) => l.amount);
        const shares = shareDiscount(amounts, discount);
        const whole = amounts.reduce((sum, a) => sum + a, 0);
        expect(shares.reduce((sum, s) => sum + s, 0)).toBe(discount);
        shares.forEach((share, i) => {
          expect(share).toBeGreaterThanOrEqual(0);
          expect(share).toBeLessThanOrEqual(amounts[i]);
          if (whole > 0) expect(Math.abs(share - (amounts[i] * discount) / whole)).toBeLessThan(1);
        });
      }),
      { numRuns: 2_000 },
    );
  });

  for (const pricesIncludeTax of [false, true]) {
    it(`adds up exactly with prices ${pricesIncludeTax ? "including" : "excluding"} tax: total = Σ lines + shipping + tax − discount, the order's tax = Σ lines' tax`, () => {
      fc.assert(
        fc.property(discounted, line, ([ls, discount], shipping) => {
          const order = taxOrder(ls, discount, shipping, pricesIncludeTax);
          const lineTax = order.lines.reduce((sum, l) => sum + l.tax, order.shipping.tax);
          expect(order.tax).toBe(lineTax);
          const charged = order.subtotal - order.discount + order.shippingAmount;
          expect(order.total).toBe(pricesIncludeTax ? charged : charged + order.tax);
          order.lines.forEach((taxed, i) => {
            const after = ls[i].amount - taxed.discount;
            // Each line's tax is its exact tax rounded once: never more than half a cent away.
            const exact = pricesIncludeTax
              ? after - (after * 10_000) / (10_000 + taxed.rateBps)
              : (after * taxed.rateBps) / 10_000;
            expect(Math.abs(taxed.tax - exact)).toBeLessThanOrEqual(0.5);
            expect(taxed.net + (pricesIncludeTax ? taxed.tax : 0)).toBe(after);
            expect(Number.isInteger(taxed.tax) && Number.isInteger(taxed.net)).toBe(true);
          });
        }),
        { numRuns: 2_000 },
      );
    });
  }

  it("never taxes a line below zero nor above its amount at any rate", () => {
    fc.assert(
      fc.property(line, fc.boolean(), (l, inclusive) => {
        const { net, tax } = taxLine(l.amount, l.rateBps, inclusive);
        expect(tax).toBeGreaterThanOrEqual(0);
        expect(net).toBeGreaterThanOrEqual(0);
        if (inclusive) expect(tax).toBeLessThanOrEqual(l.amount);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe("tax: cases from the peers' trackers", () => {
  it("takes 10 % off 25 × 3.99 exact to the cent (vendure #3091: discounts spread with rounding drift)", () => {
    const discount = couponDiscount(25 * 399, { kind: "percent", value: 10, minSubtotal: 0, maxDiscount: null });
    expect(discount).toBe(998);
    const order = taxOrder([{ amount: 25 * 399, rateBps: 2_000 }], discount, { amount: 0, rateBps: 0 }, false);
    expect(order.lines[0]).toEqual({ discount: 998, net: 8_977, tax: 1_795, rateBps: 2_000 });
    expect(order.total).toBe(8_977 + 1_795);
  });

  it("charges two lines of 3.79 at 21 % with tax included exactly 7.58 (woocommerce #20440, vendure #2662: a cent too many or too few)", () => {
    const order = taxOrder(
      [
        { amount: 379, rateBps: 2_100 },
        { amount: 379, rateBps: 2_100 },
      ],
      0,
      { amount: 0, rateBps: 2_100 },
      true,
    );
    expect(order.total).toBe(758);
    expect(order.lines.map((l) => [l.net, l.tax])).toEqual([
      [313, 66],
      [313, 66],
    ]);
    expect(order.tax).toBe(132);
  });

  it("leaves a total of exactly 0 after a 100 % discount, with or without tax in prices", () => {
    for (const inclusive of [false, true]) {
      const amounts = [
        { amount: 1_999, rateBps: 2_000 },
        { amount: 1, rateBps: 700 },
        { amount: 33_333, rateBps: 0 },
      ];
      const order = taxOrder(amounts, 35_333, { amount: 0, rateBps: 2_000 }, inclusive);
      expect(order.total).toBe(0);
      expect(order.tax).toBe(0);
      expect(order.lines.map((l) => l.discount)).toEqual([1_999, 1, 33_333]);
    }
  });

  it("taxes shipping by its own class, apart from the goods", () => {
    const order = taxOrder([{ amount: 10_000, rateBps: 700 }], 0, { amount: 500, rateBps: 2_000 }, false);
    expect([order.lines[0].tax, order.shipping.tax, order.tax, order.total]).toEqual([700, 100, 800, 11_300]);
  });

  it("refuses a discount above the lines' sum rather than making a negative line", () => {
    expect(() => shareDiscount([100, 200], 301)).toThrow(RangeError);
  });
});
