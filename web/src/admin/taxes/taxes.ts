import { query } from "@solidjs/router";
import { type Answer, read } from "../../lib/http.ts";
import { api } from "../../lib/session.ts";
import { getShippingPreview } from "../shipping/shipping.ts";

export type TaxClass = Answer<typeof api.admin.taxes.classes.$get>["items"][number];
export type TaxRate = TaxClass["rates"][number];
export type TaxSettings = Answer<typeof api.admin.taxes.settings.$get>;

/** Every tax class with its rates and what it taxes. */
export const getTaxClasses = query(async () => (await read(api.admin.taxes.classes.$get())).items, "admin-tax-classes");

/** Whether prices include tax, and the class shipping is taxed by. */
export const getTaxSettings = query(() => read(api.admin.taxes.settings.$get()), "admin-tax-settings");

/** What a change of classes, rates or the setting makes stale: the shipping preview quotes tax too. */
export const taxKeys = [getTaxClasses.key, getTaxSettings.key, getShippingPreview.key];

export const preloadTaxes = () => [getTaxClasses(), getTaxSettings()];

/** Basis points as a percentage for people: 2000 → "20 %", 550 → "5.5 %". */
export const formatRate = (bps: number) =>
  `${new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 }).format(bps / 100)} %`;

/** A percentage typed by a person as basis points ("5.5" → 550); null when it is not one from 0 to 100. */
export function bpsOf(text: string): number | null {
  const match = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(text.trim().replace(/\s*%$/, ""));
  if (!match) return null;
  const bps = Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
  return bps <= 10_000 ? bps : null;
}
