import { formatMoney } from "../../lib/money.ts";

/** What the EU's Omnibus rule (art. 6a of 98/6/EC) asks of a price shown struck through. */
export interface PricedVariant {
  price: number;
  discount: number;
  oldPrice: number | null;
  lowestPrice30Days: number | null;
}

/** Whether the page strikes a price through beside the selling one, as `Price` does. */
export const showsStruckPrice = (v: PricedVariant) =>
  v.discount > 0 || (v.oldPrice !== null && v.oldPrice > v.price - v.discount);

/**
 * The line under a reduced price naming the lowest price of the 30 days before the sale; null when no
 * price is struck through or the shop knows no earlier price.
 */
export function lowestPriceNote(variant: PricedVariant, currency: string): string | null {
  if (variant.lowestPrice30Days === null || !showsStruckPrice(variant)) return null;
  return `Lowest price in the 30 days before this sale: ${formatMoney(variant.lowestPrice30Days, currency)}`;
}
