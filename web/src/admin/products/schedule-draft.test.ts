import { describe, expect, it } from "vitest";
import { FormInvalid } from "../../lib/field-errors.ts";
import { createChecks } from "../lib/checks.ts";
import { instantOfLocal, type ScheduleDraft, scheduleBody } from "./schedule-draft.ts";

const now = Date.parse("2026-12-01T10:00:00Z");
const draft = (fields: Partial<ScheduleDraft>): ScheduleDraft => ({
  price: "60",
  oldPrice: "100",
  discount: "",
  startsAt: "2026-12-24T09:30",
  ...fields,
});

const problems = (fields: Partial<ScheduleDraft>) => {
  try {
    scheduleBody(createChecks("USD"), draft(fields), now);
  } catch (error) {
    if (error instanceof FormInvalid) return error.fields;
    throw error;
  }
  return {};
};

describe("a scheduled price change as staff type it", () => {
  it("reads a datetime-local value in this browser's time zone as an ISO instant", () => {
    expect(instantOfLocal("2026-12-24T09:30")).toBe(new Date(2026, 11, 24, 9, 30).toISOString());
    expect(instantOfLocal("2026-12-24")).toBeUndefined();
    expect(instantOfLocal("")).toBeUndefined();
  });

  it("turns the amounts into minor units, with no discount and no compare-at price when left empty", () => {
    expect(scheduleBody(createChecks("USD"), draft({}), now)).toEqual({
      price: 6_000,
      discount: 0,
      oldPrice: 10_000,
      startsAt: new Date(2026, 11, 24, 9, 30).toISOString(),
    });
    expect(scheduleBody(createChecks("USD"), draft({ oldPrice: "", discount: "5" }), now)).toMatchObject({
      discount: 500,
      oldPrice: null,
    });
  });

  it("refuses a start that has passed or is missing, and a discount above the price, by field", () => {
    expect(problems({ startsAt: "2020-01-01T00:00" })).toEqual({ startsAt: "Choose a time to come." });
    expect(problems({ startsAt: "" })).toHaveProperty("startsAt");
    expect(problems({ discount: "61" })).toEqual({ discount: "The discount cannot be more than the price." });
    expect(problems({ price: "six" })).toHaveProperty("price");
  });
});
