import { describe, expect, it } from "vitest";
import { lowestPriceNote } from "./lowest-price.ts";

const variant = { price: 6_000, discount: 0, oldPrice: 10_000, lowestPrice30Days: 8_000 };

describe("lowestPriceNote", () => {
  it("names the lowest price of the 30 days before a sale in the shop's money", () => {
    expect(lowestPriceNote(variant, "USD")).toBe("Lowest price in the 30 days before this sale: $80.00");
    expect(lowestPriceNote({ ...variant, lowestPrice30Days: 1_050 }, "JPY")).toBe(
      "Lowest price in the 30 days before this sale: ¥1,050",
    );
  });

  it("counts a discount as a struck-through price, an old price only above the selling one", () => {
    expect(lowestPriceNote({ ...variant, oldPrice: null, discount: 500 }, "USD")).toMatch(/\$80\.00$/);
    expect(lowestPriceNote({ ...variant, oldPrice: 6_000 }, "USD")).toBeNull();
    expect(lowestPriceNote({ ...variant, oldPrice: null }, "USD")).toBeNull();
  });

  it("says nothing when the shop knows no earlier price", () => {
    expect(lowestPriceNote({ ...variant, lowestPrice30Days: null }, "USD")).toBeNull();
  });
});
