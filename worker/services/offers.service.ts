/**
 * From the offers read for a shopper to what pricing takes: the promotions that may apply now (a
 * granted coupon among them), and, for a code the shopper gave, whether it applied and why not.
 */

import type { CouponTerms } from "../domain/pricing.ts";
import {
  type AppliedPromotion,
  type CustomerCondition,
  concerns,
  couponPromotion,
  customerMay,
  evaluatePromotions,
  type NotApplied,
  type PromoLine,
  type Promotion,
  type PromotionAction,
  qualifies,
  type Shopper,
  whyNotApplied,
} from "../domain/promotions.ts";
import type { UserCouponRow } from "../repositories/coupons.repository.ts";
import type { Offers, PromotionRow } from "../repositories/promotions.repository.ts";

const termsOf = (row: Pick<UserCouponRow, "kind" | "value" | "min_subtotal" | "max_discount">): CouponTerms => ({
  kind: row.kind,
  value: row.value,
  minSubtotal: row.min_subtotal,
  maxDiscount: row.max_discount,
});

/** The id a granted coupon takes part in pricing under (coupons are not rows of `promotions`). */
export const couponPromotionId = (userCouponId: string) => `coupon:${userCouponId}`;

/** Why the code given took nothing off, in the cart's words. */
export type CodeRefusal =
  | NotApplied
  | { reason: "not_found" | "not_started" | "expired" | "used_up" | "already_used" | "not_eligible" };

export interface CodeState {
  code: string;
  applied: boolean;
  refusal: CodeRefusal | null;
}

export interface PricingOffers {
  promotions: Promotion[];
  /** Names to show, by the id pricing used. */
  names: Map<string, string>;
  /** Of each promotion, the code that brought it (null for automatic ones and coupons). */
  codeIds: Map<string, string | null>;
  /** Of each promotion, the version of its terms read (staff's last change), for checkout's count. */
  versions: Map<string, string>;
  /** Of each promotion, when it ends (null: it does not), for the cart's countdown. */
  ends: Map<string, string | null>;
  /** Automatic ones waiting for their start, and live ones with an end: when the cart's price may change. */
  nextChangeAt: string | null;
  /** The code's promotion (or coupon) before evaluation, or why it cannot take part at all. */
  asked: { id: string; promotion: Promotion } | { refusal: CodeRefusal } | null;
  code: string | null;
}

const conditionsOf = (row: PromotionRow) =>
  row.conditions as { minSubtotal?: number; minQuantity?: number; customer?: CustomerCondition };

export function promotionOf(
  row: Pick<PromotionRow, "id" | "kind" | "priority" | "combinesWith" | "conditions" | "action" | "budgetLeft">,
): Promotion {
  const conditions = conditionsOf(row as PromotionRow);
  return {
    id: row.id,
    kind: row.kind,
    priority: row.priority,
    combinesWith: row.combinesWith,
    minSubtotal: conditions.minSubtotal,
    minQuantity: conditions.minQuantity,
    budgetLeft: row.budgetLeft ?? undefined,
    action: row.action as unknown as PromotionAction,
  };
}

/** Why a row found by its code cannot take part now (before looking at the cart), if it cannot. */
function rowRefusal(row: PromotionRow, shopper: Shopper): CodeRefusal | null {
  if (!row.active || row.ended) return { reason: "expired" };
  if (!row.started) return { reason: "not_started" };
  if (!row.available) return { reason: "used_up" };
  if (!row.customerMayUse) return { reason: "already_used" };
  if (!customerMay(conditionsOf(row).customer, shopper)) return { reason: "not_eligible" };
  return null;
}

/**
 * The offers `lines` may take. `nextChangeAt` counts only automatic promotions that concern these
 * lines and this shopper, so a cart is not re-priced for a sale on other products.
 */
export function pricingOffers(offers: Offers, accountId: string | null, lines: PromoLine[] = []): PricingOffers {
  const shopper: Shopper = { accountId, firstOrder: offers.firstOrder };
  const names = new Map<string, string>();
  const codeIds = new Map<string, string | null>();
  const versions = new Map<string, string>();
  const ends = new Map<string, string | null>();
  const promotions: Promotion[] = [];
  const changes: string[] = [];
  let asked: PricingOffers["asked"] = null;
  for (const row of offers.promotions) {
    const concerned =
      row.method === "automatic" &&
      customerMay(conditionsOf(row).customer, shopper) &&
      concerns(promotionOf(row), lines);
    if (concerned && !row.started && row.startsAt) changes.push(row.startsAt);
    if (concerned && row.started && row.endsAt) changes.push(row.endsAt);
    const refusal = rowRefusal(row, shopper);
    if (row.codeId) {
      asked = refusal ? { refusal } : { id: row.id, promotion: promotionOf(row) };
    } else if (row.method === "code") continue;
    if (refusal) continue;
    names.set(row.id, row.name);
    codeIds.set(row.id, row.codeId);
    versions.set(row.id, row.updatedAt);
    ends.set(row.id, row.endsAt);
    promotions.push(promotionOf(row));
  }
  const coupon = offers.coupon;
  if (coupon && !asked) {
    const refusal: CodeRefusal | null = !coupon.active
      ? { reason: "not_found" }
      : coupon.expired
        ? { reason: "expired" }
        : coupon.exhausted
          ? { reason: "already_used" }
          : null;
    if (refusal) asked = { refusal };
    else {
      const id = couponPromotionId(coupon.id);
      const promotion = couponPromotion(id, termsOf(coupon));
      // Named as the order page and the cart name a coupon's share.
      names.set(id, `Discount (${coupon.code})`);
      codeIds.set(id, null);
      promotions.push(promotion);
      asked = { id, promotion };
    }
  }
  if (offers.code && !asked) asked = { refusal: { reason: "not_found" } };
  return {
    promotions,
    names,
    codeIds,
    versions,
    ends,
    nextChangeAt: changes.sort()[0] ?? null,
    asked,
    code: offers.code,
  };
}

/** Whether the code given applied to these lines once priced, and if not, why. */
export function codeStateOf(offers: PricingOffers, lines: PromoLine[], applied: AppliedPromotion[]): CodeState | null {
  if (offers.code === null || offers.asked === null) return null;
  if ("refusal" in offers.asked) return { code: offers.code, applied: false, refusal: offers.asked.refusal };
  const { id, promotion } = offers.asked;
  if (applied.some((a) => a.id === id)) return { code: offers.code, applied: true, refusal: null };
  // Free shipping is priced with the method: where the cart qualifies, it applies (to a method that costs).
  if (promotion.kind === "shipping" && qualifies(promotion, lines)) {
    return { code: offers.code, applied: true, refusal: null };
  }
  // Within its terms, but more than is left of its budget.
  const alone = evaluatePromotions(lines, [{ ...promotion, budgetLeft: undefined }], 0).applied[0];
  if (alone && promotion.budgetLeft !== undefined && alone.amount > promotion.budgetLeft) {
    return { code: offers.code, applied: false, refusal: { reason: "used_up" } };
  }
  return { code: offers.code, applied: false, refusal: whyNotApplied(promotion, lines) };
}
