import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { combinationsOf, defaultSku, maxSkuLength, variantTitle } from "../domain/variants.ts";
import { variantInput } from "../schemas/admin-products.ts";

const slug = fc
  .array(fc.stringMatching(/^[a-z0-9]{1,12}$/), { minLength: 1, maxLength: 12 })
  .map((words) => words.join("-"))
  .filter((s) => s.length <= 120);
const option = fc.record({
  name: fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,11}$/),
  values: fc.uniqueArray(fc.string({ minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 5 }),
});
const options = fc.uniqueArray(option, { maxLength: 3, selector: (o) => o.name });

describe("variant rules (property-based)", () => {
  it("makes one combination per pick of a value of each option, each with a title of its values in order", () => {
    fc.assert(
      fc.property(options, (opts) => {
        const combos = combinationsOf(opts);
        expect(combos).toHaveLength(opts.reduce((n, o) => n * o.values.length, 1));
        expect(new Set(combos.map((c) => JSON.stringify(c))).size).toBe(combos.length);
        for (const combo of combos) {
          expect(Object.keys(combo)).toEqual(opts.map((o) => o.name));
          expect(variantTitle(opts, combo)).toBe(opts.length ? opts.map((o) => combo[o.name]).join(" / ") : "Default");
        }
      }),
    );
  });

  it("gives every default SKU a form the API takes, at most 64 characters", () => {
    fc.assert(
      fc.property(slug, options, (s, opts) => {
        for (const combo of combinationsOf(opts)) {
          const sku = defaultSku(s, variantTitle(opts, combo));
          expect(sku.length).toBeLessThanOrEqual(maxSkuLength);
          expect(variantInput.shape.sku.safeParse(sku).success, sku).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("names a product without options Default, whose SKU is its slug", () => {
    expect(combinationsOf([])).toEqual([{}]);
    expect(variantTitle([], {})).toBe("Default");
    expect(defaultSku("royal-tee", "Default")).toBe("ROYAL-TEE");
    expect(defaultSku("royal-tee", "M / Navy Blue")).toBe("ROYAL-TEE-M-NAVY-BLUE");
  });
});
