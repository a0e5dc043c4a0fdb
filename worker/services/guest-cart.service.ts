import type { ShopContext } from "../platform/context.ts";
import { linesOfItemsStatement } from "../repositories/orders.repository.ts";
import { type Offers, offersStatement } from "../repositories/promotions.repository.ts";
import { promoLinesOf, promotionsOf } from "./cart-pricing.ts";

/**
 * A guest's lines priced as an account's cart is, in one round trip: each variant as it is now, and
 * the promotions live for everyone (a code is given at checkout, where the guest's email is known).
 * A variant that no longer exists is left out; checkout says so.
 */
export async function priceGuestCart(ctx: ShopContext, items: { variantId: string; quantity: number }[]) {
  const [read, offers] = await ctx.db.batch([linesOfItemsStatement(ctx.db, items), offersStatement(ctx.db, null)]);
  const lines = read.rows;
  const priced = promotionsOf(
    promoLinesOf(lines),
    (offers.rows[0] as { offers: Offers }).offers,
    null,
    ctx.config.currency,
  );
  return {
    items: lines.map((line, index) => ({
      variantId: line.variantId,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      lineTotal: line.unitPrice * line.quantity,
      discount: priced.lineDiscounts[index],
    })),
    subtotal: lines.reduce((sum, line) => sum + line.unitPrice * line.quantity, 0),
    discount: priced.discount,
    currency: ctx.config.currency,
    promotions: priced.promotions,
    freeShipping: priced.freeShipping,
    promotionsChangeAt: priced.promotionsChangeAt,
  };
}
