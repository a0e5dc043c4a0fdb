import { AppError } from "../lib/errors.ts";
import type { ShopContext } from "../platform/context.ts";
import {
  bumpCartVersion,
  deleteCartItem,
  emptyCart,
  findSellableProduct,
  findSellableProducts,
  lockCart,
  readCartLines,
  upsertCartItem,
  upsertCartItems,
} from "../repositories/cart.repository.ts";
import type { Cart, MergeNotice } from "../schemas/cart.ts";

export async function getCart(ctx: ShopContext, userId: string): Promise<Cart> {
  const { version, lines } = await readCartLines(ctx.db, userId);
  return {
    items: lines.map((line) => ({
      productId: line.product_id,
      name: line.name,
      quantity: line.quantity,
      unitPrice: line.unit_price,
      lineTotal: line.line_total,
      imageUrl: line.image_url,
    })),
    subtotal: lines.reduce((sum, line) => sum + line.line_total, 0),
    shipping: lines.reduce((sum, line) => sum + line.shipping, 0),
    itemCount: lines.reduce((sum, line) => sum + line.quantity, 0),
    currency: ctx.config.currency,
    version,
  };
}

/** The cart after a committed change, which every device of the shopper also receives. */
async function changed(ctx: ShopContext, userId: string): Promise<Cart> {
  const cart = await getCart(ctx, userId);
  ctx.live.cart(userId, cart);
  return cart;
}

/** Sets a line's quantity (0 removes it); more than the stock is 409 `insufficient_stock`. */
export async function setQuantity(ctx: ShopContext, userId: string, productId: string, quantity: number) {
  await ctx.transaction(async (tx) => {
    const cartId = await lockCart(tx, userId);
    if (quantity === 0) {
      await deleteCartItem(tx, cartId, productId);
    } else {
      const product = await findSellableProduct(tx, productId);
      if (!product) throw new AppError("not_found", "No such product, or it is no longer sold.");
      if (quantity > product.stock_qty) {
        throw new AppError("insufficient_stock", `Only ${product.stock_qty} left in stock.`, {
          productId,
          available: product.stock_qty,
        });
      }
      await upsertCartItem(tx, cartId, productId, quantity);
    }
    await bumpCartVersion(tx, cartId);
  });
  return changed(ctx, userId);
}

export async function removeLine(ctx: ShopContext, userId: string, productId: string) {
  await ctx.transaction(async (tx) => {
    const cartId = await lockCart(tx, userId);
    await deleteCartItem(tx, cartId, productId);
    await bumpCartVersion(tx, cartId);
  });
  return changed(ctx, userId);
}

export async function clearCart(ctx: ShopContext, userId: string) {
  await ctx.transaction(async (tx) => {
    await emptyCart(tx, await lockCart(tx, userId));
  });
  return changed(ctx, userId);
}

/**
 * Joins a guest cart into the account's: quantities add up and are capped at the stock; products
 * that are unknown or no longer sold are dropped. Each adjustment comes back as a notice.
 */
export async function mergeCart(
  ctx: ShopContext,
  userId: string,
  guestItems: { productId: string; quantity: number }[],
): Promise<Cart & { notices: MergeNotice[] }> {
  const wanted = new Map<string, number>();
  for (const item of guestItems) wanted.set(item.productId, (wanted.get(item.productId) ?? 0) + item.quantity);
  const notices = await ctx.transaction(async (tx) => {
    const cartId = await lockCart(tx, userId);
    const { lines } = await readCartLines(tx, userId);
    const stock = await findSellableProducts(tx, [...wanted.keys()]);
    const notices: MergeNotice[] = [];
    const merged: { productId: string; quantity: number }[] = [];
    for (const [productId, quantity] of wanted) {
      const available = stock.get(productId) ?? 0;
      if (available === 0) {
        notices.push({ productId, reason: "unavailable" });
        continue;
      }
      const total = (lines.find((line) => line.product_id === productId)?.quantity ?? 0) + quantity;
      if (total > available) notices.push({ productId, reason: "capped", available });
      merged.push({ productId, quantity: Math.min(total, available) });
    }
    await upsertCartItems(tx, cartId, merged);
    await bumpCartVersion(tx, cartId);
    return notices;
  });
  return { ...(await changed(ctx, userId)), notices };
}
