import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type Band,
  type MethodRule,
  methodPrice,
  overlappingBands,
  postalMatches,
  type ZoneRule,
  zoneFor,
} from "../domain/shipping.ts";

const zone = (id: string, rule: Partial<ZoneRule>): ZoneRule => ({
  id,
  countries: [],
  subdivisions: [],
  postalPatterns: [],
  position: 0,
  ...rule,
});

describe("shipping zones", () => {
  const world = zone("world", { countries: ["*"], position: 9 });
  const france = zone("france", { countries: ["FR"] });
  const paris = zone("paris", { countries: ["FR"], postalPatterns: ["75*"] });
  const california = zone("california", { countries: ["US"], subdivisions: ["CA"] });
  const zones = [world, france, paris, california];

  it("picks the most specific zone that covers an address: postal code, then subdivision, then country, then the world", () => {
    expect(zoneFor(zones, { country: "FR", postalCode: "75 011" })?.id).toBe("paris");
    expect(zoneFor(zones, { country: "fr", postalCode: "69001" })?.id).toBe("france");
    expect(zoneFor(zones, { country: "US", subdivision: "ca", postalCode: "94103" })?.id).toBe("california");
    expect(zoneFor(zones, { country: "US", subdivision: "NY", postalCode: "10001" })?.id).toBe("world");
  });

  it("covers nothing outside its zones: an address no zone takes cannot be shipped to", () => {
    expect(zoneFor([france, paris], { country: "DE", postalCode: "10115" })).toBeUndefined();
    expect(zoneFor([california], { country: "US", subdivision: null, postalCode: "94103" })).toBeUndefined();
  });

  it("matches postal codes by prefix, by range of numbers of the same length, or whole, ignoring case and spaces", () => {
    expect(postalMatches("SW1A*", "sw1a 1aa")).toBe(true);
    expect(postalMatches("75000-75999", "75011")).toBe(true);
    expect(postalMatches("75000-75999", "7501")).toBe(false);
    expect(postalMatches("75000-75999", "76000")).toBe(false);
    expect(postalMatches("10115", "10115")).toBe(true);
    expect(postalMatches("10115", "101150")).toBe(false);
  });

  it("gives the same zone whatever order the zones come in (property, 1,000 runs)", () => {
    fc.assert(
      fc.property(
        fc.shuffledSubarray(zones, { minLength: 1 }),
        fc.constantFrom("75011", "69001", "94103"),
        (some, code) => {
          const to = { country: code === "94103" ? "US" : "FR", subdivision: "CA", postalCode: code };
          expect(zoneFor(some, to)?.id).toBe(zoneFor([...some].reverse(), to)?.id);
        },
      ),
      { numRuns: 1_000 },
    );
  });
});

describe("shipping methods", () => {
  const cart = { weightGrams: 1_200, subtotal: 8_000, perItemShipping: 700 };
  const byWeight: MethodRule = {
    kind: "weight",
    price: 0,
    bands: [
      { min: 0, max: 1_000, price: 500 },
      { min: 1_000, max: 5_000, price: 900 },
    ],
    freeAbove: null,
  };

  it("prices a cart by its kind: flat, each item's own amount, weight band, subtotal band, pickup", () => {
    expect(methodPrice({ kind: "flat", price: 1_000, bands: [], freeAbove: null }, cart)).toBe(1_000);
    expect(methodPrice({ kind: "per_item", price: 0, bands: [], freeAbove: null }, cart)).toBe(700);
    expect(methodPrice(byWeight, cart)).toBe(900);
    expect(methodPrice(byWeight, { ...cart, weightGrams: 1_000 })).toBe(900);
    expect(methodPrice(byWeight, { ...cart, weightGrams: 999 })).toBe(500);
    expect(
      methodPrice(
        { kind: "subtotal", price: 0, bands: [{ min: 5_000, max: null, price: 300 }], freeAbove: null },
        cart,
      ),
    ).toBe(300);
    expect(methodPrice({ kind: "pickup", price: 0, bands: [], freeAbove: null }, cart)).toBe(0);
  });

  it("does not apply when no band takes the cart (never silently free)", () => {
    expect(methodPrice(byWeight, { ...cart, weightGrams: 5_000 })).toBeNull();
  });

  it("is free from its threshold on, the subtotal being after discounts", () => {
    const free = { ...byWeight, freeAbove: 8_000 };
    expect(methodPrice(free, cart)).toBe(0);
    expect(methodPrice(free, { ...cart, subtotal: 7_999 })).toBe(900);
    // Free, but only where a band takes the cart at all.
    expect(methodPrice(free, { ...cart, weightGrams: 9_000 })).toBeNull();
  });

  const band = fc
    .tuple(fc.integer({ min: 0, max: 10_000 }), fc.option(fc.integer({ min: 1, max: 10_000 }), { nil: null }))
    .map(([min, length]): Band => ({ min, max: length === null ? null : min + length, price: 100 }));

  it("finds overlapping bands exactly when two bands share a value (property, 2,000 runs)", () => {
    fc.assert(
      fc.property(fc.array(band, { maxLength: 6 }), (bands) => {
        const shares = (a: Band, b: Band) => (a.max === null || b.min < a.max) && (b.max === null || a.min < b.max);
        const anyPair = bands.some((a, i) => bands.some((b, j) => i < j && shares(a, b)));
        const found = overlappingBands(bands);
        expect(found !== undefined).toBe(anyPair);
        if (found) expect(shares(found[0], found[1])).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });
});
