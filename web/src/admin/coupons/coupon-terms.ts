import { formatMoney } from "../../lib/money.ts";
import { createChecks } from "../lib/checks.ts";
import { toAmount } from "../lib/money.ts";
import type { Coupon } from "../lib/types.ts";
import type { DurationValue } from "./DurationField.tsx";
import { fromIsoDuration, toIsoDuration } from "./duration.ts";

/** A coupon's terms as staff type them, and the rules that turn them into what the API takes. */

export interface Terms {
  title: string;
  kind: "percent" | "fixed";
  percent: string;
  amount: string;
  validFor: DurationValue;
  usageLimit: string;
  perUserLimit: string;
  minSubtotal: string;
  maxDiscount: string;
  active: boolean;
}

const durationOf = (iso: string): DurationValue => {
  const parsed = fromIsoDuration(iso);
  return parsed
    ? { amount: String(parsed.amount), unit: parsed.unit, custom: iso }
    : { amount: "", unit: "custom", custom: iso };
};

export const termsOf = (coupon: Coupon | null, currency: string): Terms => ({
  title: coupon?.title ?? "",
  kind: coupon?.kind ?? "percent",
  percent: coupon?.kind === "percent" ? String(coupon.value) : "",
  amount: coupon?.kind === "fixed" ? toAmount(coupon.value, currency) : "",
  validFor: coupon ? durationOf(coupon.validFor) : { amount: "7", unit: "days", custom: "" },
  usageLimit: coupon?.usageLimit ? String(coupon.usageLimit) : "",
  perUserLimit: String(coupon?.perUserLimit ?? 1),
  minSubtotal: coupon && coupon.minSubtotal > 0 ? toAmount(coupon.minSubtotal, currency) : "",
  maxDiscount:
    coupon?.maxDiscount !== null && coupon?.maxDiscount !== undefined ? toAmount(coupon.maxDiscount, currency) : "",
  active: coupon?.active ?? true,
});

export const describeValue = (coupon: Coupon, currency: string) =>
  coupon.kind === "percent" ? `${coupon.value} % off` : `${formatMoney(coupon.value, currency)} off`;

/** The terms as the API takes them; throws `FormInvalid` naming each problem. */
export function couponBody(terms: Terms, currency: string) {
  const check = createChecks(currency);
  const title = check.text("title", terms.title, "A title");
  const value = terms.kind === "percent" ? check.count("value", terms.percent, 1) : check.money("value", terms.amount);
  if (terms.kind === "percent" && value > 100) check.fail("value", "A percent coupon is at most 100 % off.");
  if (terms.kind === "fixed" && value <= 0) check.fail("value", "Enter an amount above zero.");
  let validFor = terms.validFor.custom.trim();
  if (terms.validFor.unit !== "custom") {
    const amount = Number(terms.validFor.amount);
    if (!Number.isSafeInteger(amount) || amount < 1) check.fail("validFor", "Enter how long, at least 1.");
    else validFor = toIsoDuration(amount, terms.validFor.unit);
  } else if (!validFor) check.fail("validFor", "Enter an ISO 8601 duration such as P7D.");
  const body = {
    title,
    kind: terms.kind,
    value,
    validFor,
    usageLimit: check.optionalCount("usageLimit", terms.usageLimit, 1),
    perUserLimit: check.count("perUserLimit", terms.perUserLimit, 1),
    minSubtotal: terms.minSubtotal.trim() === "" ? 0 : check.money("minSubtotal", terms.minSubtotal),
    maxDiscount: terms.kind === "percent" ? check.optionalMoney("maxDiscount", terms.maxDiscount) : null,
    active: terms.active,
  };
  check.done();
  return body;
}
