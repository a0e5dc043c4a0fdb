/**
 * Tax per line, and the one rounding rule of the shop. All amounts are integers in the currency's
 * minor unit; rates are basis points (2100 = 21 %).
 *
 * 1. A line's amount is its unit price × quantity, as the price was entered (with or without tax,
 *    as the shop is set).
 * 2. An order's discount is shared among its lines in proportion to their amounts, by largest
 *    remainder: the shares sum to the discount exactly, no share exceeds its line, and equal
 *    remainders go to the earlier line. Discounts come before tax.
 * 3. Each line's tax is rounded once, half up, on the line (never per unit, never on the order):
 *    prices without tax: tax = round(amount × rate); prices with tax: net = round(amount ÷ (1 + rate))
 *    and tax = amount − net, so the line still costs exactly what was shown.
 * 4. Shipping is a line of its own, taxed by its class in the same way.
 * 5. The order's tax is the sum of its lines' taxes, so the stored lines always add up to it, and
 *    a refund of a line gives back the amounts stored on it.
 */
import { divideHalfUp } from "./pricing.ts";

const basis = 10_000;

export interface TaxableLine {
  /** Unit price × quantity as entered. */
  amount: number;
  rateBps: number;
}

export interface TaxedLine {
  /** The line's share of the order's discount. */
  discount: number;
  /** What the line costs before tax, after its discount. */
  net: number;
  tax: number;
  rateBps: number;
}

export interface TaxedOrder {
  lines: TaxedLine[];
  shipping: TaxedLine;
  subtotal: number;
  discount: number;
  /** Shipping as charged (with its tax when prices include tax). */
  shippingAmount: number;
  tax: number;
  total: number;
}

/**
 * Shares `discount` among `amounts` in proportion to them, by largest remainder. Each share is at
 * most its amount; the shares sum to `discount` (which must not exceed the amounts' sum).
 */
export function shareDiscount(amounts: number[], discount: number): number[] {
  const whole = amounts.reduce((sum, amount) => sum + amount, 0);
  if (discount < 0 || discount > whole) throw new RangeError("a discount is between 0 and the amounts' sum");
  if (whole === 0) return amounts.map(() => 0);
  // In 64 bits and more: an order's amount × its discount outgrows a double's exact integers.
  const total = BigInt(whole);
  const exact = amounts.map((amount) => BigInt(amount) * BigInt(discount));
  const shares = exact.map((product) => Number(product / total));
  let left = discount - shares.reduce((sum, share) => sum + share, 0);
  const byRemainder = exact
    .map((product, index) => ({ index, remainder: product % total }))
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of byRemainder) {
    if (left === 0) break;
    if (shares[index] < amounts[index]) {
      shares[index] += 1;
      left -= 1;
    }
  }
  return shares;
}

/** The tax of one amount at `rateBps`, rounded once, half up (see rule 3). */
export function taxLine(amount: number, rateBps: number, pricesIncludeTax: boolean): { net: number; tax: number } {
  if (pricesIncludeTax) {
    const net = divideHalfUp(amount * basis, basis + rateBps);
    return { net, tax: amount - net };
  }
  return { net: amount, tax: divideHalfUp(amount * rateBps, basis) };
}

/**
 * An order's lines, discount and shipping, taxed line by line; the totals are the lines' sums. The
 * discount is one amount to share among the lines (rule 2), or each line's share already known.
 */
export function taxOrder(
  lines: TaxableLine[],
  discount: number | number[],
  shipping: TaxableLine,
  pricesIncludeTax: boolean,
): TaxedOrder {
  const shares = Array.isArray(discount)
    ? discount
    : shareDiscount(
        lines.map((line) => line.amount),
        discount,
      );
  if (shares.some((share, index) => share < 0 || share > lines[index].amount)) {
    throw new RangeError("a line's discount is between 0 and its amount");
  }
  const taxed = lines.map((line, index) => ({
    discount: shares[index],
    rateBps: line.rateBps,
    ...taxLine(line.amount - shares[index], line.rateBps, pricesIncludeTax),
  }));
  const shipped = {
    discount: 0,
    rateBps: shipping.rateBps,
    ...taxLine(shipping.amount, shipping.rateBps, pricesIncludeTax),
  };
  const subtotal = lines.reduce((sum, line) => sum + line.amount, 0);
  const tax = taxed.reduce((sum, line) => sum + line.tax, shipped.tax);
  const net = taxed.reduce((sum, line) => sum + line.net, shipped.net);
  return {
    lines: taxed,
    shipping: shipped,
    subtotal,
    discount: shares.reduce((sum, share) => sum + share, 0),
    shippingAmount: shipping.amount,
    tax,
    total: net + tax,
  };
}

/** A tax class's rate in a region: a country (`*` everywhere else), optionally one subdivision ("" for all). */
export interface RegionRate {
  taxClassId: string;
  country: string;
  subdivision: string;
  rateBps: number;
}

/**
 * A class's rate for an address: its rate for the address's subdivision, else for its country,
 * else for everywhere; a class with none of these is not taxed there.
 */
export function rateFor(rates: RegionRate[], taxClassId: string, country: string, subdivision?: string | null): number {
  const c = country.toUpperCase();
  const s = (subdivision ?? "").toUpperCase();
  const ofClass = rates.filter((rate) => rate.taxClassId === taxClassId);
  const found =
    (s ? ofClass.find((rate) => rate.country === c && rate.subdivision === s) : undefined) ??
    ofClass.find((rate) => rate.country === c && rate.subdivision === "") ??
    ofClass.find((rate) => rate.country === "*");
  return found?.rateBps ?? 0;
}
