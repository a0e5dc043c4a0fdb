import { maxOrderAmount, withinOrderLimit } from "../domain/limits.ts";
import { AppError } from "../lib/errors.ts";

/** Refuses (409 `order_too_large`) lines that come to more than one order may: checkout and previews alike. */
export function refuseBeyondOrderLimit(lines: { unitPrice: number; shippingAmount: number; quantity: number }[]) {
  const subtotal = lines.reduce((sum, line) => sum + line.unitPrice * line.quantity, 0);
  const shipping = lines.reduce((sum, line) => sum + line.shippingAmount * line.quantity, 0);
  if (!withinOrderLimit(subtotal, shipping)) {
    throw new AppError("order_too_large", "This cart comes to more than one order may; split it into smaller orders.", {
      amount: subtotal + shipping,
      max: maxOrderAmount,
    });
  }
}
