/**
 * A cart as the database priced it, with its promotions: each line's discount, the promotions that
 * apply, the code's state and the free-shipping offer. The same evaluation as checkout's
 * (domain/promotions.ts); shipping promotions are priced at checkout, where the method is known.
 */
import { evaluatePromotions, nearestFreeShipping, type PromoLine } from "../domain/promotions.ts";
import type { Offers } from "../repositories/promotions.repository.ts";
import type { Cart, CodeStateView } from "../schemas/cart.ts";
import { type CodeRefusal, type CodeState, codeStateOf, type PricingOffers, pricingOffers } from "./offers.service.ts";

type RawItem = Cart["items"][number] & { categoryId?: string | null; brandId?: string | null };
type LineLike = Pick<RawItem, "productId" | "variantId" | "categoryId" | "brandId" | "unitPrice" | "quantity">;

const formatMoney = (amount: number, currency: string) =>
  new Intl.NumberFormat("en-US", { style: "currency", currency }).format(amount / 100);

/** Why a code took nothing off, in words for the shopper. */
export function refusalMessage(refusal: CodeRefusal, currency: string): string {
  switch (refusal.reason) {
    case "not_found":
      return "This coupon code is not valid.";
    case "not_started":
      return "This code is not valid yet.";
    case "expired":
      return "This code has expired.";
    case "used_up":
      return "This code has been used up.";
    case "already_used":
      return "You have already used this code.";
    case "not_eligible":
      return "This code is not available for your account.";
    case "needs_more":
      return `Add ${formatMoney(refusal.amount, currency)} more to use this code.`;
    case "needs_more_items":
      return `Add ${refusal.quantity} more ${refusal.quantity === 1 ? "item" : "items"} to use this code.`;
    case "not_for_these_products":
      return "This code is not for the products in your cart.";
    case "not_combinable":
      return "This code does not combine with the promotions already applied.";
  }
}

export function codeView(state: CodeState | null, currency: string): CodeStateView | null {
  if (!state) return null;
  const refusal = state.refusal;
  return {
    code: state.code,
    applied: state.applied,
    reason: refusal?.reason ?? null,
    message: refusal ? refusalMessage(refusal, currency) : null,
    details:
      refusal?.reason === "needs_more"
        ? { amount: refusal.amount }
        : refusal?.reason === "needs_more_items"
          ? { quantity: refusal.quantity }
          : null,
  };
}

export const promoLinesOf = (items: LineLike[]): PromoLine[] =>
  items.map((item) => ({
    productId: item.productId,
    variantId: item.variantId,
    categoryId: item.categoryId ?? null,
    brandId: item.brandId ?? null,
    unitPrice: item.unitPrice,
    quantity: item.quantity,
  }));

/** The nearest free-shipping offer, named as staff named it. */
function freeShippingOffer(offers: PricingOffers, lines: PromoLine[]) {
  const offer = nearestFreeShipping(offers.promotions, lines);
  return offer ? { name: offers.names.get(offer.promotion.id) ?? "", missing: offer.missing } : null;
}

/** What promotions make of `lines` for a shopper: each line's discount, the promotions, the code's state, the offers. */
export function promotionsOf(lines: PromoLine[], offers: Offers, accountId: string | null, currency: string) {
  const priced = pricingOffers(offers, accountId, lines);
  const evaluation = evaluatePromotions(lines, priced.promotions, 0);
  return {
    lineDiscounts: evaluation.lineDiscounts,
    discount: evaluation.lineDiscounts.reduce((sum, share) => sum + share, 0),
    promotions: evaluation.applied.map((a) => ({
      id: a.id,
      name: priced.names.get(a.id) ?? "",
      kind: a.kind,
      amount: a.amount,
      shipping: a.shipping,
      endsAt: priced.ends.get(a.id) ?? null,
    })),
    code: codeView(codeStateOf(priced, lines, evaluation.applied), currency),
    freeShipping: freeShippingOffer(priced, lines),
    promotionsChangeAt: priced.nextChangeAt,
  };
}

export function priceCart(cart: Cart, offers: Offers, accountId: string | null): Cart {
  const raw = cart.items as RawItem[];
  const { lineDiscounts, ...rest } = promotionsOf(promoLinesOf(raw), offers, accountId, cart.currency);
  const items = raw.map(({ categoryId: _, brandId: __, ...item }, index) => ({
    ...item,
    discount: lineDiscounts[index],
  }));
  return { ...cart, items, ...rest };
}
