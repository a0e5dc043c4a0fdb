import { describe, expect, it } from "vitest";
import { FormInvalid } from "../../lib/field-errors.ts";
import type { AdminProduct } from "../lib/types.ts";
import {
  draftOf,
  emptyDraft,
  fingerprint,
  newProductBody,
  priceRangeText,
  withEveryCombination,
} from "./product-draft.ts";
import { maxVariants, newVariantDraft, type OptionDraft, optionDraftsOf } from "./variants.ts";

const sizes = (): OptionDraft[] => optionDraftsOf([{ name: "Size", values: ["S", "M", "L"] }]);

const refused = (work: () => unknown): Record<string, string> => {
  try {
    work();
  } catch (error) {
    if (error instanceof FormInvalid) return error.fields;
    throw error;
  }
  throw new Error("expected the body to be refused");
};

describe("the product editor's rules", () => {
  it("tells unsaved changes by what a draft says, not by its rows' keys", () => {
    const product = {
      name: "Royal tee",
      slug: "royal-tee",
      description: "",
      categoryId: null,
      brandId: null,
      active: true,
      features: [{ name: "Fabric", value: "Cotton" }],
      gallery: [],
    } as unknown as AdminProduct;
    const options = sizes();
    expect(fingerprint(draftOf(product), options)).toBe(fingerprint(draftOf(product), options));
    expect(fingerprint({ ...draftOf(product), name: "Royal shirt" }, options)).not.toBe(
      fingerprint(draftOf(product), options),
    );
  });

  it("refuses a new product without a name, with features half filled, or several variants without options", () => {
    const draft = { ...emptyDraft(), features: [{ key: 1, name: "Memory", value: " " }] };
    const fields = refused(() => newProductBody("USD", draft, [], [newVariantDraft(), newVariantDraft()]));
    expect(Object.keys(fields).sort()).toEqual([
      "features.0.value",
      "name",
      "variants",
      "variants.0.price",
      "variants.1.price",
    ]);
  });

  it("builds a new product's body: trimmed fields, its options, and one variant per row", () => {
    const options = sizes();
    const rows = withEveryCombination(options, [{ ...newVariantDraft(), price: "12.50" }]);
    const body = newProductBody("USD", { ...emptyDraft(), name: " Royal tee " }, options, rows);
    expect(body.name).toBe("Royal tee");
    expect(body.options).toEqual([{ name: "Size", values: ["S", "M", "L"] }]);
    expect(body.variants.map((v) => [v.options, v.price])).toEqual([
      [{ Size: "S" }, 1_250],
      [{ Size: "M" }, 1_250],
      [{ Size: "L" }, 1_250],
    ]);
  });

  it("adds every missing combination once, filling rows still choosing first, and never past the most variants", () => {
    const options = sizes();
    const filled = withEveryCombination(options, [newVariantDraft()]);
    expect(filled).toHaveLength(3);
    expect(withEveryCombination(options, filled)).toHaveLength(3);
    const many = optionDraftsOf([
      { name: "A", values: Array.from({ length: 11 }, (_, i) => `a${i}`) },
      { name: "B", values: Array.from({ length: 11 }, (_, i) => `b${i}`) },
    ]);
    expect(withEveryCombination(many, [])).toHaveLength(maxVariants);
  });

  it("says a price range in the shop's currency, or one price when all are equal", () => {
    expect(priceRangeText([1_200, 1_800, 1_500], "USD")).toBe("$12.00 – $18.00");
    expect(priceRangeText([900, 900], "USD")).toBe("$9.00");
  });
});
