/**
 * A coupon's money rules, for the coupon preview and checkout alike (tax and shipping: tax.ts,
 * shipping.ts, quote.ts). All amounts are integers in the currency's minor unit.
 */
export interface CouponTerms {
  kind: "percent" | "fixed";
  value: number;
  minSubtotal: number;
  maxDiscount: number | null;
}

/** Rounds numerator / denominator half up, in integers (both non-negative). */
export const divideHalfUp = (numerator: number, denominator: number) =>
  Math.floor((2 * numerator + denominator) / (2 * denominator));

export function couponDiscount(subtotal: number, coupon: CouponTerms): number {
  const raw = coupon.kind === "percent" ? divideHalfUp(subtotal * coupon.value, 100) : coupon.value;
  const capped = coupon.maxDiscount === null ? raw : Math.min(raw, coupon.maxDiscount);
  return Math.max(0, Math.min(capped, subtotal));
}

export function meetsMinimum(subtotal: number, coupon: CouponTerms): boolean {
  return subtotal >= coupon.minSubtotal;
}
