import { createAsync } from "@solidjs/router";
import { ApiError, getProduct, type ProductDetail, type Variant } from "../catalog/catalog.ts";
import { type GuestLine, guestLines } from "./cart.ts";

/** A guest line's product as the catalog says it is now: sold, gone (404), or not read (a failure). */
export type Looked = { product: ProductDetail } | { missing: true } | { failed: unknown };

const lookUp = (productId: string): Promise<Looked> =>
  getProduct(productId)
    .then((product): Looked => ({ product }))
    .catch(
      (error): Looked => (error instanceof ApiError && error.status === 404 ? { missing: true } : { failed: error }),
    );

/** The variant a guest line is for: the one it names, or the only one of a product it was added by. */
export function variantOf(line: GuestLine, product: ProductDetail | undefined): Variant | undefined {
  if (!product) return undefined;
  if (line.variantId) return product.variants.find((v) => v.id === line.variantId);
  return product.variants.length === 1 ? product.variants[0] : undefined;
}

/**
 * The browser's cart with each product read from the catalog (once per product, through its query,
 * never suspending: a line shows at once, its price when known), and what the lines cost.
 */
export function createGuestCart() {
  const looked = createAsync(
    async () => {
      const ids = [...new Set(guestLines().map((line) => line.productId))];
      const found = await Promise.all(ids.map(async (id) => [id, await lookUp(id)] as const));
      return new Map<string, Looked>(found);
    },
    { initialValue: new Map<string, Looked>() },
  );
  const lookedUp = (productId: string) => looked.latest.get(productId);
  const productOf = (productId: string) => {
    const found = lookedUp(productId);
    return found && "product" in found ? found.product : undefined;
  };
  /** What each line costs now, or nothing while a line is not priced (not read yet, gone, no variant). */
  const totals = () => {
    let subtotal = 0;
    let shipping = 0;
    for (const line of guestLines()) {
      const variant = variantOf(line, productOf(line.productId));
      if (!variant?.active) return undefined;
      subtotal += (variant.price - variant.discount) * line.quantity;
      shipping += variant.shippingAmount * line.quantity;
    }
    const currency = productOf(guestLines()[0]?.productId ?? "")?.currency ?? "USD";
    return { subtotal, shipping, currency };
  };
  /** The lines as checkout takes them, or nothing while a line has no variant to buy. */
  const items = () => {
    const lines = guestLines().map((line) => ({ line, variant: variantOf(line, productOf(line.productId)) }));
    if (lines.some(({ variant }) => !variant)) return undefined;
    return lines.map(({ line, variant }) => ({ variantId: (variant as Variant).id, quantity: line.quantity }));
  };
  return { lookedUp, productOf, totals, items };
}

export type GuestCartState = ReturnType<typeof createGuestCart>;
