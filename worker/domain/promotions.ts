/**
 * Which promotions a cart takes, in which order, and each line's share of every discount. Pure and
 * in integer minor units: the caller passes the cart's lines and the promotions that are live.
 *
 * - Kinds apply in order: item promotions, then order promotions (on what the items cost after
 *   theirs), then shipping. Within a kind the highest priority comes first, then the best for the
 *   shopper. One order promotion applies and one shipping promotion; item promotions apply one per
 *   line (a sale on shoes and buy 2 get 1 on socks both apply), two on the same line only when both
 *   combine with item promotions. A promotion joins only if it combines with every other kind
 *   already applied, and each of those combines with its kind.
 * - Each amount is rounded once, half up, then shared among its lines by largest remainder
 *   (`shareDiscount`), so the shares sum to it exactly and no line goes below zero.
 * - Buy X get Y: as many applications as the cart holds (at most `maxApplications`), the cheapest
 *   units of the "get" set taken as the ones discounted, each unit counted once.
 */
import { type CouponTerms, divideHalfUp } from "./pricing.ts";
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
  excludeCategoryIds?: string[];
  excludeBrandIds?: string[];
}

export type PromotionAction =
  /** `cap`: the most it takes off one order. */
  | { type: "percent"; percent: number; target?: Target; cap?: number }
  | { type: "fixed"; amount: number }
  | { type: "fixed_price"; price: number; target: Target }
  /** `methodIds`: only by these methods (none named: any). */
  | { type: "free_shipping"; methodIds?: string[] }
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
  /** What is left of its budget: it applies only where it takes no more than this. */
  budgetLeft?: number;
  /**
   * One the shopper asked for (a coupon granted to them): what is applied already does not keep it
   * out, and within its kind it competes on what it takes off rather than on priority.
   */
  asked?: boolean;
  action: PromotionAction;
}

/** Who a promotion may be for: anyone, signed-in shoppers, shoppers with no order yet, or named accounts. */
export interface CustomerCondition {
  signedIn?: boolean;
  firstOrder?: boolean;
  accountIds?: string[];
}

/** What is known of the shopper when a cart is priced. */
export interface Shopper {
  accountId: string | null;
  /** No order placed yet (canceled ones do not count). */
  firstOrder: boolean;
}

export function customerMay(condition: CustomerCondition | undefined, shopper: Shopper): boolean {
  if (!condition) return true;
  if ((condition.signedIn || condition.accountIds?.length) && !shopper.accountId) return false;
  if (condition.accountIds?.length && !condition.accountIds.includes(shopper.accountId ?? "")) return false;
  return !condition.firstOrder || shopper.firstOrder;
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
  if (line.categoryId !== null && target.excludeCategoryIds?.includes(line.categoryId)) return false;
  if (line.brandId !== null && target.excludeBrandIds?.includes(line.brandId)) return false;
  return (
    within(target.productIds, line.productId) &&
    within(target.variantIds, line.variantId) &&
    within(target.categoryIds, line.categoryId) &&
    within(target.brandIds, line.brandId)
  );
}

/**
 * The discount of buy X get Y per line: the cheapest "get" units of as many applications as fit.
 * Worked per line with counts (a line holds up to 999 units), never unit by unit: n applications
 * fit when the units left to buy, once the n × getQuantity cheapest "get" units are set aside, are
 * at least n × buyQuantity; fewer applications always fit when more do, so n is found by halving.
 */
function buyXGetY(lines: PromoLine[], left: number[], action: Extract<PromotionAction, { type: "bxgy" }>): number[] {
  const buys = lines.map((line) => matches(action.buy, line));
  const gets = lines
    .map((line, index) => ({ index, unitPrice: left[index] / line.quantity }))
    .filter(({ index }) => matches(action.get, lines[index]))
    .sort((a, b) => a.unitPrice - b.unitPrice || a.index - b.index);
  const buyUnits = lines.reduce((sum, line, i) => sum + (buys[i] ? line.quantity : 0), 0);
  const getUnits = gets.reduce((sum, { index }) => sum + lines[index].quantity, 0);
  /** How many units each line gives for `n` applications: the cheapest first. */
  const given = (n: number) => {
    const taken = lines.map(() => 0);
    let wanted = n * action.getQuantity;
    for (const { index } of gets) {
      if (wanted === 0) break;
      taken[index] = Math.min(wanted, lines[index].quantity);
      wanted -= taken[index];
    }
    return taken;
  };
  const fits = (n: number) => {
    const taken = given(n);
    const setAside = taken.reduce((sum, units, i) => sum + (buys[i] ? units : 0), 0);
    return buyUnits - setAside >= n * action.buyQuantity;
  };
  let low = 0;
  let high = Math.min(Math.floor(getUnits / action.getQuantity), action.maxApplications ?? Number.POSITIVE_INFINITY);
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fits(middle)) low = middle;
    else high = middle - 1;
  }
  const byLine = given(low).map((units, i) => Math.round((units * left[i]) / lines[i].quantity));
  const whole = byLine.reduce((sum, amount) => sum + amount, 0);
  return shareDiscount(byLine, Math.min(divideHalfUp(whole * action.percent, 100), whole));
}

/** Each line's share of one promotion on the goods as they cost now (`left`). */
function sharesOf(promotion: Promotion, lines: PromoLine[], left: number[]): number[] {
  const action = promotion.action;
  const target = (t?: Target) => left.map((amount, i) => (matches(t, lines[i]) ? amount : 0));
  switch (action.type) {
    case "percent": {
      const base = target(action.target);
      const whole = base.reduce((sum, amount) => sum + amount, 0);
      const off = divideHalfUp(whole * action.percent, 100);
      return shareDiscount(base, action.cap === undefined ? off : Math.min(off, action.cap));
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

export function qualifies(promotion: Promotion, lines: PromoLine[]): boolean {
  const subtotal = lines.reduce((sum, line) => sum + line.unitPrice * line.quantity, 0);
  const quantity = lines.reduce((sum, line) => sum + line.quantity, 0);
  return subtotal >= (promotion.minSubtotal ?? 0) && quantity >= (promotion.minQuantity ?? 0);
}

/**
 * The promotions `lines` take with `shipping` to pay by the method `methodId` (if known), and what
 * each takes off where.
 */
export function evaluatePromotions(
  lines: PromoLine[],
  promotions: Promotion[],
  shipping: number,
  methodId?: string,
): Evaluation {
  const left = lines.map((line) => line.unitPrice * line.quantity);
  const applied: AppliedPromotion[] = [];
  let shippingLeft = shipping;
  for (const kind of ["item", "order", "shipping"] as const) {
    const fits = (p: Promotion) =>
      p.kind === kind &&
      qualifies(p, lines) &&
      applied.every((a) => {
        const other = promotions.find((q) => q.id === a.id);
        return (other?.asked || p.combinesWith.includes(a.kind)) && (p.asked || other?.combinesWith.includes(kind));
      });
    const priced = (p: Promotion) => {
      const shares = sharesOf(p, lines, left);
      const byMethod = p.action.type === "free_shipping" && within(p.action.methodIds, methodId ?? null);
      const off = byMethod ? shippingLeft : 0;
      return { p, shares, off, amount: shares.reduce((sum, share) => sum + share, 0) + off };
    };
    const affordable = (c: ReturnType<typeof priced>) =>
      c.amount > 0 && c.amount <= (c.p.budgetLeft ?? Number.POSITIVE_INFINITY);
    const candidates = promotions
      .filter(fits)
      .map(priced)
      .filter(affordable)
      .sort((a, b) => b.p.priority - a.p.priority || b.amount - a.amount || a.p.id.localeCompare(b.p.id));
    // Order and shipping: one each, the first by priority unless one asked for takes more (or as much).
    const regular = candidates.find((c) => !c.p.asked);
    const single = [...candidates.filter((c) => c.p.asked), ...(regular ? [regular] : [])].sort(
      (a, b) => b.amount - a.amount,
    );
    // Items: one per line, unless those meeting on a line both stack with items.
    const ofKind: AppliedPromotion[] = [];
    for (const candidate of kind === "item" ? candidates : single.slice(0, 1)) {
      // Priced again on what the lines cost after the item promotions taken before it.
      const chosen = ofKind.length === 0 ? candidate : priced(candidate.p);
      if (!affordable(chosen)) continue;
      const meets = ofKind.filter((a) => a.lineShares.some((share, i) => share > 0 && chosen.shares[i] > 0));
      const stacks = (id: string) => promotions.find((q) => q.id === id)?.combinesWith.includes("item");
      if (meets.length > 0 && !(stacks(chosen.p.id) && meets.every((a) => stacks(a.id)))) continue;
      chosen.shares.forEach((share, i) => {
        left[i] -= share;
      });
      shippingLeft -= chosen.off;
      ofKind.push({
        id: chosen.p.id,
        kind,
        amount: chosen.amount - chosen.off,
        lineShares: chosen.shares,
        shipping: chosen.off,
      });
    }
    applied.push(...ofKind);
  }
  return {
    applied,
    lineDiscounts: lines.map((line, i) => line.unitPrice * line.quantity - left[i]),
    shippingDiscount: shipping - shippingLeft,
  };
}

/**
 * The free-shipping promotion the shopper is nearest to, and how much more the goods must cost for
 * it (0: they qualify; it applies at checkout to a method it covers). One that needs more items is
 * not offered: spending more would not reach it.
 */
export function nearestFreeShipping(
  promotions: Promotion[],
  lines: PromoLine[],
): { promotion: Promotion; missing: number } | null {
  const subtotal = lines.reduce((sum, line) => sum + line.unitPrice * line.quantity, 0);
  const quantity = lines.reduce((sum, line) => sum + line.quantity, 0);
  const offers = promotions
    .filter((p) => p.kind === "shipping" && quantity >= (p.minQuantity ?? 0))
    .map((promotion) => ({ promotion, missing: Math.max(0, (promotion.minSubtotal ?? 0) - subtotal) }))
    .sort((a, b) => a.missing - b.missing);
  return offers[0] ?? null;
}

/** Why a promotion the shopper asked for by its code took nothing off these lines. */
export type NotApplied =
  | { reason: "needs_more"; amount: number }
  | { reason: "needs_more_items"; quantity: number }
  | { reason: "not_for_these_products" }
  | { reason: "not_combinable" };

const targetOf = (action: PromotionAction): Target | undefined =>
  action.type === "percent" || action.type === "fixed_price"
    ? action.target
    : action.type === "bxgy"
      ? action.buy
      : undefined;

/** Whether a promotion could take anything off these lines: an item promotion needs a line it targets. */
export function concerns(promotion: Promotion, lines: PromoLine[]): boolean {
  const action = promotion.action;
  if (promotion.kind !== "item") return lines.length > 0;
  return lines.some((line) => matches(targetOf(action), line) || (action.type === "bxgy" && matches(action.get, line)));
}

export function whyNotApplied(promotion: Promotion, lines: PromoLine[]): NotApplied {
  const subtotal = lines.reduce((sum, line) => sum + line.unitPrice * line.quantity, 0);
  const quantity = lines.reduce((sum, line) => sum + line.quantity, 0);
  if (subtotal < (promotion.minSubtotal ?? 0))
    return { reason: "needs_more", amount: (promotion.minSubtotal ?? 0) - subtotal };
  if (quantity < (promotion.minQuantity ?? 0)) {
    return { reason: "needs_more_items", quantity: (promotion.minQuantity ?? 0) - quantity };
  }
  const action = promotion.action;
  const matching = lines.filter((line) => matches(targetOf(action), line));
  if (matching.length === 0) return { reason: "not_for_these_products" };
  if (action.type === "bxgy") {
    const units = lines.reduce(
      (sum, line) => sum + (matches(action.buy, line) || matches(action.get, line) ? line.quantity : 0),
      0,
    );
    const needed = action.buyQuantity + action.getQuantity - units;
    if (needed > 0) return { reason: "needs_more_items", quantity: needed };
  }
  return { reason: "not_combinable" };
}

/**
 * A coupon granted to the shopper, as the promotion it is: an order discount asked for, which goes
 * with item promotions and free shipping whatever they say, and replaces an automatic order
 * promotion only when it takes off more.
 */
export function couponPromotion(id: string, terms: CouponTerms): Promotion {
  return {
    id,
    kind: "order",
    priority: 0,
    combinesWith: ["item", "shipping"],
    asked: true,
    minSubtotal: terms.minSubtotal,
    action:
      terms.kind === "percent"
        ? { type: "percent", percent: terms.value, ...(terms.maxDiscount === null ? {} : { cap: terms.maxDiscount }) }
        : {
            type: "fixed",
            amount: terms.maxDiscount === null ? terms.value : Math.min(terms.value, terms.maxDiscount),
          },
  };
}
