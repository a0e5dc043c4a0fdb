import { toAmount } from "../lib/money.ts";
import type { Action, Kind, Promotion, Target } from "./promotions.ts";

/** A promotion as staff type it: text inputs as typed, instants as `datetime-local` values. */
export interface Draft {
  name: string;
  method: Promotion["method"];
  kind: Kind;
  status: Promotion["status"];
  type: Action["type"];
  percent: string;
  amount: string;
  cap: string;
  /** The action's lines: a percent's or a fixed price's target, what a buy-X-get-Y shopper buys. */
  target: Target;
  /** What a buy-X-get-Y shopper gets. */
  get: Target;
  buyQuantity: string;
  getQuantity: string;
  maxApplications: string;
  methodIds: string[];
  startsAt: string;
  endsAt: string;
  priority: string;
  combinesWith: Kind[];
  usageLimit: string;
  perCustomerLimit: string;
  budget: string;
  minSubtotal: string;
  minQuantity: string;
  signedIn: boolean;
  firstOrder: boolean;
  accountIds: string[];
  /** A new promotion by code: its shared code (optional). */
  code: string;
}

/** The actions each kind takes, as the API allows them. */
export const actionsOf: Record<Kind, Action["type"][]> = {
  item: ["percent", "fixed_price", "bxgy", "fixed"],
  order: ["percent", "fixed"],
  shipping: ["free_shipping"],
};

const pad = (n: number) => String(n).padStart(2, "0");

/** An instant as a `datetime-local` value in this browser's time zone ("" for none). */
export function localOf(iso: string | null): string {
  if (!iso) return "";
  const t = new Date(iso);
  return `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())}T${pad(t.getHours())}:${pad(t.getMinutes())}`;
}

/** A `datetime-local` value as the API's instant: null when empty, undefined when it is no time. */
export function instantOf(local: string): string | null | undefined {
  if (local.trim() === "") return null;
  const time = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(local) ? new Date(local) : new Date(Number.NaN);
  return Number.isNaN(time.getTime()) ? undefined : time.toISOString();
}

const text = (n: number | null | undefined) => (n === null || n === undefined ? "" : String(n));

export function draftOf(p: Promotion | null, currency: string): Draft {
  const a = p?.action;
  const money = (n: number | null | undefined) => toAmount(n ?? null, currency);
  return {
    name: p?.name ?? "",
    method: p?.method ?? "automatic",
    kind: p?.kind ?? "item",
    status: p?.status ?? "active",
    type: a?.type ?? "percent",
    percent: text(a?.type === "percent" || a?.type === "bxgy" ? a.percent : undefined),
    amount: money(a?.type === "fixed" ? a.amount : a?.type === "fixed_price" ? a.price : undefined),
    cap: money(a?.type === "percent" ? a.cap : undefined),
    target: (a?.type === "percent" || a?.type === "fixed_price" ? a.target : a?.type === "bxgy" ? a.buy : {}) ?? {},
    get: a?.type === "bxgy" ? a.get : {},
    buyQuantity: a?.type === "bxgy" ? String(a.buyQuantity) : "2",
    getQuantity: a?.type === "bxgy" ? String(a.getQuantity) : "1",
    maxApplications: text(a?.type === "bxgy" ? a.maxApplications : undefined),
    methodIds: a?.type === "free_shipping" ? (a.methodIds ?? []) : [],
    startsAt: localOf(p?.startsAt ?? null),
    endsAt: localOf(p?.endsAt ?? null),
    priority: String(p?.priority ?? 0),
    combinesWith: p?.combinesWith ?? [],
    usageLimit: text(p?.usageLimit),
    perCustomerLimit: text(p?.perCustomerLimit),
    budget: money(p?.budget),
    minSubtotal: money(p?.conditions.minSubtotal),
    minQuantity: text(p?.conditions.minQuantity),
    signedIn: p?.conditions.customer?.signedIn ?? false,
    firstOrder: p?.conditions.customer?.firstOrder ?? false,
    accountIds: p?.conditions.customer?.accountIds ?? [],
    code: "",
  };
}
