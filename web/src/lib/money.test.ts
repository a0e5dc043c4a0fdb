import { describe, expect, it } from "vitest";
import { formatMoney } from "./money.ts";

describe("formatMoney", () => {
  it("formats minor units in the currency's own precision", () => {
    expect(formatMoney(64900, "USD")).toBe("$649.00");
    expect(formatMoney(5, "USD")).toBe("$0.05");
    expect(formatMoney(0, "EUR", "de-DE")).toBe("0,00\u00a0€");
    expect(formatMoney(1500, "JPY", "en-US")).toBe("¥1,500");
  });
});
