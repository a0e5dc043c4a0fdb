import { formatMoney } from "../../lib/money.ts";
import type { Action, Kind, Promotion } from "./promotions.ts";

/** Promotions in staff's words. */

export const stateLabels: Record<Promotion["state"], string> = {
  scheduled: "Scheduled",
  live: "Live",
  paused: "Paused",
  ended: "Ended",
  used_up: "Used up",
};

/** A live promotion reads as good news; one that applies to nobody now, as not. */
export const stateBadge = (state: Promotion["state"]) =>
  state === "live" || state === "scheduled" ? "badge" : "badge out";

export const kindLabels: Record<Kind, string> = { item: "Items", order: "Order", shipping: "Shipping" };
export const methodLabels: Record<Promotion["method"], string> = { automatic: "Automatic", code: "By code" };
export const actionLabels: Record<Action["type"], string> = {
  percent: "Percent off",
  fixed: "Amount off",
  fixed_price: "Fixed price",
  free_shipping: "Free shipping",
  bxgy: "Buy X, get Y",
};

/** Uses so far, against the limit when there is one: "12 / 100". */
export const usageOf = (p: Pick<Promotion, "usedCount" | "usageLimit">) =>
  p.usageLimit === null ? String(p.usedCount) : `${p.usedCount} / ${p.usageLimit}`;

/** What it takes off, in a few words: "20 % off (at most $50.00)", "Buy 2, get 1 free". */
export function describeAction(action: Action, currency: string): string {
  const money = (amount: number) => formatMoney(amount, currency);
  switch (action.type) {
    case "percent":
      return `${action.percent} % off${action.cap === undefined ? "" : ` (at most ${money(action.cap)})`}`;
    case "fixed":
      return `${money(action.amount)} off`;
    case "fixed_price":
      return `Sold at ${money(action.price)} each`;
    case "free_shipping":
      return action.methodIds?.length ? "Free shipping by chosen methods" : "Free shipping";
    case "bxgy": {
      const got = action.percent === 100 ? "free" : `${action.percent} % off`;
      return `Buy ${action.buyQuantity}, get ${action.getQuantity} ${got}`;
    }
  }
}
