/**
 * Which promotions a cart takes, in which order, and each line's share of every discount. Pure and
 * in integer minor units: the caller passes the cart's lines and the promotions that are live.
 *
 * - Kinds apply in order: item promotions, then order promotions (on what the items cost after
 *   theirs), then shipping. Within a kind one promotion applies: the highest priority, then the
 *   best for the shopper. A promotion joins only if it combines with every kind already applied,
 *   and each of those combines with its kind.
 * - Each amount is rounded once, half up, then shared among its lines by largest remainder
 *   (`shareDiscount`), so the shares sum to it exactly and no line goes below zero.
 * - Buy X get Y: as many applications as the cart holds (at most `maxApplications`), the cheapest
 *   units of the "get" set taken as the ones discounted, each unit counted once.
 */
import { divideHalfUp } from "./pricing.ts";
import { shareDiscount } from "./tax.ts";

export type PromotionKind = "item" | "order" | "shipping";

export interface PromoLine {
  productId: string;
  variantId: string;
  categoryId: string | null;
  brandId: string | null;
  unitPrice: number;
  quantity: number;
}

/** Which lines an action or condition is about; nothing named: every line. */
export interface Target {
  productIds?: string[];
  variantIds?: string[];
  categoryIds?: string[];
  brandIds?: string[];
  excludeProductIds?: string[];
}

export type PromotionAction =
  | { type: "percent"; percent: number; target?: Target }
  | { type: "fixed"; amount: number }
  | { type: "fixed_price"; price: number; target: Target }
  | { type: "free_shipping" }
  | {
      type: "bxgy";
      buy: Target;
      buyQuantity: number;
      get: Target;
      getQuantity: number;
      percent: number;
      maxApplications?: number;
    };

export interface Promotion {
  id: string;
  kind: PromotionKind;
  priority: number;
  combinesWith: PromotionKind[];
  minSubtotal?: number;
  minQuantity?: number;
  action: PromotionAction;
}

export interface AppliedPromotion {
  id: string;
  kind: PromotionKind;
  /** What it takes off the goods (each line's share in `lineShares`), or off shipping. */
  amount: number;
  lineShares: number[];
  shipping: number;
}

export interface Evaluation {
  applied: AppliedPromotion[];
  /** Each line's discount from every promotion together. */
  lineDiscounts: number[];
  shippingDiscount: number;
}

const within = (list: string[] | undefined, value: string | null) =>
  !list?.length || (value !== null && list.includes(value));

export function matches(target: Target | undefined, line: PromoLine): boolean {
  if (!target) return true;
  if (target.excludeProductIds?.includes(line.productId)) return false;
  return (
    within(target.productIds, line.productId) &&
    within(target.variantIds, line.variantId) &&
    within(target.categoryIds, line.categoryId) &&
    within(target.brandIds, line.brandId)
  );
}

/** The discount of buy X get Y per line: the cheapest "get" units of as many applications as fit. */
function buyXGetY(lines: PromoLine[], left: number[], action: Extract<PromotionAction, { type: "bxgy" }>): number[] {
  const units = lines.flatMap((line, index) =>
    Array.from({ length: line.quantity }, () => ({ index, price: left[index] / line.quantity })),
  );
  const buys = units.filter((unit) => matches(action.buy, lines[unit.index]));
  const gets = units.filter((unit) => matches(action.get, lines[unit.index])).sort((a, b) => a.price - b.price);
  let n = Math.min(Math.floor(gets.length / action.getQuantity), action.maxApplications ?? Number.POSITIVE_INFINITY);
  for (; n > 0; n--) {
    const taken = new Set(gets.slice(0, n * action.getQuantity));
    if (buys.filter((unit) => !taken.has(unit)).length >= n * action.buyQuantity) break;
  }
  const byLine = lines.map(() => 0);
  for (const unit of gets.slice(0, n * action.getQuantity)) byLine[unit.index] += unit.price;
  const whole = byLine.reduce((sum, amount) => sum + amount, 0);
  const amount = divideHalfUp(Math.round(whole) * action.percent, 100);
  return shareDiscount(
    byLine.map((value) => Math.round(value)),
    Math.min(
      amount,
      byLine.reduce((sum, value) => sum + Math.round(value), 0),
    ),
  );
}

/** Each line's share of one promotion on the goods as they cost now (`left`). */
function sharesOf(promotion: Promotion, lines: PromoLine[], left: number[]): number[] {
  const action = promotion.action;
  const target = (t?: Target) => left.map((amount, i) => (matches(t, lines[i]) ? amount : 0));
  switch (action.type) {
    case "percent": {
      const base = target(action.target);
      const whole = base.reduce((sum, amount) => sum + amount, 0);
      return shareDiscount(base, divideHalfUp(whole * action.percent, 100));
    }
    case "fixed": {
      const whole = left.reduce((sum, amount) => sum + amount, 0);
      return shareDiscount(left, Math.min(action.amount, whole));
    }
    case "fixed_price":
      return left.map((amount, i) =>
        matches(action.target, lines[i]) ? Math.max(0, amount - action.price * lines[i].quantity) : 0,
      );
    case "bxgy":
      return buyXGetY(lines, left, action);
    case "free_shipping":
      return left.map(() => 0);
  }
}

function qualifies(promotion: Promotion, lines: PromoLine[]): boolean {
  const subtotal = lines.reduce((sum, line) => sum + line.unitPrice * line.quantity, 0);
  const quantity = lines.reduce((sum, line) => sum + line.quantity, 0);
  return subtotal >= (promotion.minSubtotal ?? 0) && quantity >= (promotion.minQuantity ?? 0);
}

/** The promotions `lines` take with `shipping` to pay, and what each takes off where. */
export function evaluatePromotions(lines: PromoLine[], promotions: Promotion[], shipping: number): Evaluation {
  const left = lines.map((line) => line.unitPrice * line.quantity);
  const applied: AppliedPromotion[] = [];
  let shippingLeft = shipping;
  for (const kind of ["item", "order", "shipping"] as const) {
    const fits = (p: Promotion) =>
      p.kind === kind &&
      qualifies(p, lines) &&
      applied.every(
        (a) => p.combinesWith.includes(a.kind) && promotions.find((q) => q.id === a.id)?.combinesWith.includes(kind),
      );
    const candidates = promotions
      .filter(fits)
      .map((p) => {
        const shares = sharesOf(p, lines, left);
        const off = p.action.type === "free_shipping" ? shippingLeft : 0;
        return { p, shares, off, amount: shares.reduce((sum, share) => sum + share, 0) + off };
      })
      .filter((c) => c.amount > 0)
      .sort((a, b) => b.p.priority - a.p.priority || b.amount - a.amount || a.p.id.localeCompare(b.p.id));
    const chosen = candidates[0];
    if (!chosen) continue;
    chosen.shares.forEach((share, i) => {
      left[i] -= share;
    });
    shippingLeft -= chosen.off;
    applied.push({
      id: chosen.p.id,
      kind,
      amount: chosen.amount - chosen.off,
      lineShares: chosen.shares,
      shipping: chosen.off,
    });
  }
  return {
    applied,
    lineDiscounts: lines.map((line, i) => line.unitPrice * line.quantity - left[i]),
    shippingDiscount: shipping - shippingLeft,
  };
}
