import { maxLineQuantity } from "../domain/limits.ts";
import { AppError } from "../lib/errors.ts";
import type { ShopContext } from "../platform/context.ts";
import {
  cartLinesStatement,
  cartStatement,
  emptyCartStatement,
  type LineOutcome,
  type LineTarget,
  mergeLinesStatement,
  resolveGuestLines,
  setLineStatement,
  setShippingChoiceStatement,
} from "../repositories/cart.repository.ts";
import { type Offers, offersStatement, setCartCodeStatement } from "../repositories/promotions.repository.ts";
import type { Cart, MergeNotice } from "../schemas/cart.ts";
import { priceCart } from "./cart-pricing.ts";

type Statement = Parameters<ShopContext["db"]["batch"]>[0][number];

const emptyCart = (ctx: ShopContext): Cart => ({
  items: [],
  subtotal: 0,
  shipping: 0,
  itemCount: 0,
  currency: ctx.config.currency,
  version: 0,
});

/**
 * The cart as it is after `change` (if any), with its promotions, in one round trip: the change,
 * the cart priced by the database, and the shopper's offers (the code kept on the cart among them).
 */
async function readCart(ctx: ShopContext, userId: string, change?: Statement) {
  const reads = [cartStatement(ctx.db, userId, ctx.config.currency), offersStatement(ctx.db, { userId })] as const;
  const results = (await ctx.db.batch(change ? [change, ...reads] : [...reads])) as unknown as { rows: unknown[] }[];
  const [cartRead, offersRead] = results.slice(change ? 1 : 0) as [
    { rows: { cart: Cart }[] },
    { rows: { offers: Offers }[] },
  ];
  const cart = cartRead.rows[0]?.cart ?? emptyCart(ctx);
  return { changed: change ? results[0] : undefined, cart: priceCart(cart, offersRead.rows[0].offers, userId) };
}

export async function getCart(ctx: ShopContext, userId: string): Promise<Cart> {
  return (await readCart(ctx, userId)).cart;
}

/**
 * Keeps a promotion code (or a granted coupon's) on the cart, or forgets it (null): the cart says
 * whether it applies and why not, on every device of the shopper.
 */
export async function setCartCode(ctx: ShopContext, userId: string, code: string | null) {
  const { cart } = await readCart(ctx, userId, setCartCodeStatement(ctx.db, userId, code));
  ctx.live.cart(userId, cart);
  return cart;
}

/** Why a line could not be set, in the contract's words; nothing changed then. */
function refusal(outcome: LineOutcome, target: LineTarget, quantity: number): AppError | null {
  if (outcome.variantId === null)
    return new AppError("not_found", "No such product or variant, or it is no longer sold.");
  if ("productId" in target && (outcome.variants ?? 0) > 1) {
    return new AppError("variant_required", "This product comes in several variants: choose one.", [
      { path: "variantId", message: "use PUT /cart/variants/{variantId}" },
    ]);
  }
  if (quantity > 0 && !outcome.sellable) return new AppError("not_found", "This product is no longer sold.");
  if (quantity > 0 && !outcome.changed) {
    return new AppError("insufficient_stock", `Only ${outcome.available} left in stock.`, {
      productId: outcome.productId,
      variantId: outcome.variantId,
      available: outcome.available,
    });
  }
  return null;
}

/**
 * Sets a line's quantity (0 removes it) in one round trip: the change (conditional on the stock),
 * and the cart as it is after, which every device of the shopper also receives.
 */
export async function setQuantity(ctx: ShopContext, userId: string, target: LineTarget, quantity: number) {
  const { changed, cart } = await readCart(ctx, userId, setLineStatement(ctx.db, userId, target, quantity));
  const outcome = changed?.rows[0] as LineOutcome;
  const refused = refusal(outcome, target, quantity);
  if (refused) throw refused;
  if (outcome.changed) ctx.live.cart(userId, cart);
  return cart;
}

/** Records where the cart goes and by which method; every device of the shopper receives the cart. */
export async function setShippingChoice(
  ctx: ShopContext,
  userId: string,
  choice: { country: string; subdivision?: string; postalCode: string; methodId?: string | null },
) {
  const { cart } = await readCart(ctx, userId, setShippingChoiceStatement(ctx.db, userId, choice));
  ctx.live.cart(userId, cart);
  return cart;
}

export const removeLine = (ctx: ShopContext, userId: string, target: LineTarget) => setQuantity(ctx, userId, target, 0);

export async function clearCart(ctx: ShopContext, userId: string) {
  const { cart } = await readCart(ctx, userId, emptyCartStatement(ctx.db, userId));
  ctx.live.cart(userId, cart);
  return cart;
}

/**
 * Joins a guest cart into the account's: quantities add up and are capped at the stock and at the
 * most a line holds; products that are unknown, no longer sold, or need a variant chosen, are
 * dropped. Each adjustment comes back as a notice.
 */
export async function mergeCart(
  ctx: ShopContext,
  userId: string,
  guestItems: { productId: string; variantId?: string; quantity: number }[],
): Promise<Cart & { notices: MergeNotice[] }> {
  const [resolved, current] = await Promise.all([
    resolveGuestLines(ctx.db, guestItems),
    cartLinesStatement(ctx.db, userId),
  ]);
  const notices: MergeNotice[] = [];
  const wanted = new Map<string, { productId: string; quantity: number; available: number }>();
  resolved.forEach((line, i) => {
    const item = guestItems[i];
    if (!item.variantId && line.variants > 1) {
      notices.push({ productId: line.productId, reason: "variant_required" });
      return;
    }
    if (!line.variantId || line.available === 0) {
      notices.push({
        productId: line.productId,
        ...(line.variantId ? { variantId: line.variantId } : {}),
        reason: "unavailable",
      });
      return;
    }
    const before =
      wanted.get(line.variantId)?.quantity ?? current.rows.find((l) => l.variantId === line.variantId)?.quantity ?? 0;
    wanted.set(line.variantId, {
      productId: line.productId,
      quantity: before + item.quantity,
      available: Math.min(line.available, maxLineQuantity),
    });
  });
  const merged = [...wanted].map(([variantId, line]) => {
    if (line.quantity > line.available) {
      notices.push({ productId: line.productId, variantId, reason: "capped", available: line.available });
    }
    return { variantId, quantity: Math.min(line.quantity, line.available) };
  });
  const cart = merged.length
    ? (await readCart(ctx, userId, mergeLinesStatement(ctx.db, userId, merged))).cart
    : await getCart(ctx, userId);
  if (merged.length) ctx.live.cart(userId, cart);
  return { ...cart, notices };
}
