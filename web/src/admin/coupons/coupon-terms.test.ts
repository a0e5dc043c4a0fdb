import { describe, expect, it } from "vitest";
import { FormInvalid } from "../../lib/field-errors.ts";
import type { Coupon } from "../lib/types.ts";
import { couponBody, termsOf } from "./coupon-terms.ts";

const refused = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    if (error instanceof FormInvalid) return error.fields;
    throw error;
  }
  throw new Error("expected the terms to be refused");
};

describe("a coupon's terms", () => {
  it("turns the terms staff typed into what the API takes, durations in ISO 8601 and money in minor units", () => {
    const terms = {
      ...termsOf(null, "USD"),
      title: " Golden ",
      percent: "20",
      maxDiscount: "200.00",
      usageLimit: "50",
    };
    expect(couponBody(terms, "USD")).toEqual({
      title: "Golden",
      kind: "percent",
      value: 20,
      validFor: "P7D",
      usageLimit: 50,
      perUserLimit: 1,
      minSubtotal: 0,
      maxDiscount: 20_000,
      active: true,
    });
  });

  it("refuses what the API would, naming each field: over 100 %, no title, a duration under 1", () => {
    const terms = {
      ...termsOf(null, "USD"),
      percent: "120",
      validFor: { amount: "0", unit: "days" as const, custom: "" },
    };
    expect(Object.keys(refused(() => couponBody(terms, "USD"))).sort()).toEqual(["title", "validFor", "value"]);
  });

  it("reads a saved coupon back into the same terms", () => {
    const coupon = {
      title: "Tenner",
      kind: "fixed",
      value: 1_000,
      validFor: "PT30M",
      usageLimit: null,
      perUserLimit: 2,
      minSubtotal: 5_000,
      maxDiscount: null,
      active: false,
    } as unknown as Coupon;
    expect(couponBody(termsOf(coupon, "USD"), "USD")).toEqual({
      title: "Tenner",
      kind: "fixed",
      value: 1_000,
      validFor: "PT30M",
      usageLimit: null,
      perUserLimit: 2,
      minSubtotal: 5_000,
      maxDiscount: null,
      active: false,
    });
  });
});
