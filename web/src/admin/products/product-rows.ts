import { FormInvalid } from "../../lib/field-errors.ts";
import { createChecks } from "../lib/checks.ts";
import { fromAmount, toAmount } from "../lib/money.ts";
import type { AdminProduct, ProductRowChanges } from "../lib/types.ts";

/*
 * A product row of the list as staff edit it before "Save all": what they typed, whether it changes
 * the product, and the changes it sends (checked first, each problem by the API's path).
 */

/** What a row's fields hold: the price (of a product with one variant), each variant's stock, why, for sale. */
export interface RowDraft {
  price: string;
  stock: Record<string, string>;
  reason: string;
  active: boolean;
}

const only = (product: AdminProduct) => (product.variants.length === 1 ? product.variants[0] : undefined);

/** The row's fields as the product is saved. */
export const draftOf = (product: AdminProduct): RowDraft => ({
  price: toAmount(only(product)?.price, product.currency),
  stock: Object.fromEntries(product.variants.map((v) => [v.id, String(v.stockQty)])),
  reason: "",
  active: product.active,
});

/** Whether some variant's stock field says another number than its stock. */
export const stockChanged = (product: AdminProduct, draft: RowDraft) =>
  product.variants.some((v) => (draft.stock[v.id] ?? String(v.stockQty)).trim() !== String(v.stockQty));

/** Whether saving the row would change the product. */
export function isChanged(product: AdminProduct, draft: RowDraft): boolean {
  const single = only(product);
  const priceChanged = single !== undefined && fromAmount(draft.price, product.currency) !== single.price;
  return draft.active !== product.active || priceChanged || stockChanged(product, draft);
}

/** The row's changes as "Save all" sends them, or its problems by field (`price`, `stock.<variant id>`, `stockReason`). */
export function rowChanges(
  product: AdminProduct,
  draft: RowDraft,
): { changes: ProductRowChanges; fields?: undefined } | { changes?: undefined; fields: Record<string, string> } {
  const check = createChecks(product.currency);
  const changes: ProductRowChanges = { id: product.id };
  const single = only(product);
  if (single) {
    const price = check.money("price", draft.price);
    if (price !== single.price) changes.price = price;
  }
  for (const variant of product.variants) {
    const text = (draft.stock[variant.id] ?? String(variant.stockQty)).trim();
    if (text !== String(variant.stockQty))
      changes.stock = { ...changes.stock, [variant.id]: check.count(`stock.${variant.id}`, text) };
  }
  if (changes.stock) {
    if (!draft.reason.trim()) check.fail("stockReason", "Say why the stock changes: it is kept in the history.");
    else changes.stockReason = draft.reason.trim();
  }
  if (draft.active !== product.active) changes.active = draft.active;
  try {
    check.done();
  } catch (error) {
    if (error instanceof FormInvalid) return { fields: error.fields };
    throw error;
  }
  return { changes };
}
