import { maxLineQuantity } from "../domain/limits.ts";
import { AppError } from "../lib/errors.ts";
import type { ShopContext } from "../platform/context.ts";
import { addToWishlist, listWishlist, removeFromWishlist } from "../repositories/wishlist.repository.ts";
import { getCart, setQuantity } from "./cart.service.ts";
import { requireProduct } from "./catalog.service.ts";

export const wishlist = async (ctx: ShopContext, userId: string) => ({
  items: await listWishlist(ctx.db, userId, ctx.config.currency),
});

export async function wish(ctx: ShopContext, userId: string, productId: string) {
  await requireProduct(ctx.db, productId);
  await addToWishlist(ctx.db, userId, productId);
  return wishlist(ctx, userId);
}

export async function unwish(ctx: ShopContext, userId: string, productId: string) {
  if (!(await removeFromWishlist(ctx.db, userId, productId)))
    throw new AppError("not_found", "That product is not on the wishlist.");
  return wishlist(ctx, userId);
}

/** Moves a wished product into the cart (one more of it), then off the wishlist. */
export async function moveToCart(ctx: ShopContext, userId: string, productId: string) {
  const before = await getCart(ctx, userId);
  const current = before.items.find((item) => item.productId === productId)?.quantity ?? 0;
  if (current >= maxLineQuantity) {
    throw new AppError("conflict", `The cart holds ${maxLineQuantity} of this already, the most one line holds.`, {
      productId,
      max: maxLineQuantity,
    });
  }
  await setQuantity(ctx, userId, { productId }, current + 1);
  await removeFromWishlist(ctx.db, userId, productId);
  return wishlist(ctx, userId);
}
