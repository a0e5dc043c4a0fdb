/**
 * The money rules of the contract, one function for the coupon preview and checkout alike.
 * All amounts are integers in the currency's minor unit.
 */
export interface PricedLine {
  unitPrice: number;
  quantity: number;
  shippingAmount: number;
}

export interface CouponTerms {
  kind: "percent" | "fixed";
  value: number;
  minSubtotal: number;
  maxDiscount: number | null;
}

export interface Breakdown {
  subtotal: number;
  discount: number;
  tax: number;
  shipping: number;
  total: number;
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

export function priceOrder(lines: PricedLine[], taxRateBps: number, coupon?: CouponTerms): Breakdown {
  const subtotal = lines.reduce((sum, line) => sum + line.unitPrice * line.quantity, 0);
  const shipping = lines.reduce((sum, line) => sum + line.shippingAmount * line.quantity, 0);
  const discount = coupon && meetsMinimum(subtotal, coupon) ? couponDiscount(subtotal, coupon) : 0;
  const tax = divideHalfUp((subtotal - discount) * taxRateBps, 10_000);
  return { subtotal, discount, tax, shipping, total: subtotal - discount + tax + shipping };
}
