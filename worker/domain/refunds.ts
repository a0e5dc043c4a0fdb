/**
 * What a refund gives back, from what each line was charged when the order was placed (its net and
 * tax, after its discount shares), never from today's prices or rates. Pure, integer minor units.
 *
 * A line charged C for Q units gives back, for its first k units, floor(C × k ÷ Q): a refund of q
 * more units after r is floor(C × (r + q) ÷ Q) − floor(C × r ÷ Q). However a line is refunded, in
 * one piece or many, its pieces sum to C exactly, and no unit is given back twice.
 */

/** A line as it was charged, and how many of its units were refunded already. */
export interface ChargedLine {
  /** What the line was charged in all: its net and its tax. */
  charged: number;
  quantity: number;
  refundedQuantity: number;
}

/** What refunding `units` more units of a line gives back. */
export function lineRefund(line: ChargedLine, units: number): number {
  if (!Number.isInteger(units) || units < 0 || line.refundedQuantity + units > line.quantity) {
    throw new RangeError("a refund takes at most the units not refunded yet");
  }
  const upTo = (k: number) => Number((BigInt(line.charged) * BigInt(k)) / BigInt(line.quantity));
  return upTo(line.refundedQuantity + units) - upTo(line.refundedQuantity);
}

/** What an order's shipping was charged: with its tax added when prices did not hold it. */
export const shippingCharged = (order: { shipping: number; shippingTax: number; pricesIncludeTax: boolean }) =>
  order.pricesIncludeTax ? order.shipping : order.shipping + order.shippingTax;

export interface RefundAsk {
  /** Units per line, by the line's index. */
  units: number[];
  /** Shipping to give back (at most what is left of it). */
  shipping: number;
  /** An amount besides (a goodwill refund), within what is left to refund. */
  extra: number;
}

export interface RefundPlan {
  lines: number[];
  shipping: number;
  extra: number;
  total: number;
}

/**
 * The amounts of one refund: each line's by its units, the shipping asked, and an extra amount; the
 * caller checks the total against what is left of the payment (captured − refunded) in the same
 * write that records it.
 */
export function planRefund(lines: ChargedLine[], ask: RefundAsk, shippingLeft: number): RefundPlan {
  if (ask.shipping < 0 || ask.shipping > shippingLeft) throw new RangeError("at most the shipping not refunded yet");
  if (ask.extra < 0) throw new RangeError("an extra amount is not negative");
  const amounts = lines.map((line, i) => lineRefund(line, ask.units[i] ?? 0));
  const total = amounts.reduce((sum, amount) => sum + amount, 0) + ask.shipping + ask.extra;
  return { lines: amounts, shipping: ask.shipping, extra: ask.extra, total };
}
