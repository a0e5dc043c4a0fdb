/*
 * The reports page's address: the view it names and each view's choices, read alike by the page
 * and by its route's preload (so both ask for the same report).
 */

export const views = [
  { view: "revenue", label: "Revenue by day" },
  { view: "taxes", label: "Tax and shipping" },
  { view: "top-products", label: "Top products" },
  { view: "out-of-stock", label: "Out of stock" },
  { view: "stock-left", label: "Stock left" },
  { view: "low-stock", label: "Low stock" },
  { view: "ratings", label: "Rating averages" },
] as const;
export type View = (typeof views)[number]["view"];

/** A search parameter's one value (the address may repeat it). */
const one = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);

/** The view the address names (`?view=`), revenue by default. */
export const reportView = (value: string | string[] | undefined): View =>
  views.find((v) => v.view === one(value))?.view ?? "revenue";

const dayMs = 86_400_000;
export const isDay = (value: string | undefined): value is string =>
  value !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(value);
const utcDay = (time: number) => new Date(time).toISOString().slice(0, 10);
export const nextDay = (day: string) => utcDay(Date.parse(`${day}T00:00:00Z`) + dayMs);
/** Days from the first to the last, both counted (0 or less when the last is before the first). */
export const daysBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / dayMs + 1;

/** The revenue report's days, first and last (UTC, both included). */
export interface Range {
  from: string;
  to: string;
}

/** The range the address chooses (`?from=&to=`): the last 30 days up to today by default. */
export const revenueRange = (params: { from?: string | string[]; to?: string | string[] }, now = Date.now()): Range => {
  const from = one(params.from);
  const to = one(params.to);
  return { from: isDay(from) ? from : utcDay(now - 29 * dayMs), to: isDay(to) ? to : utcDay(now) };
};

/** The low-stock threshold the address chooses (`?threshold=`): none, each variant's own, by default. */
export const lowStockThreshold = (value: string | string[] | undefined) => {
  const text = one(value);
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;
};

const periods = ["7", "30", "90", "365"];
/** The top-products period the address chooses (`?days=`): 30 days by default. */
export const topProductsDays = (value: string | string[] | undefined) => {
  const text = one(value) ?? "";
  return periods.includes(text) ? Number(text) : 30;
};
