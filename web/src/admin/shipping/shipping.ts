import { query } from "@solidjs/router";
import { type Answer, read } from "../../lib/http.ts";
import { api } from "../../lib/session.ts";
import { getShopCurrency } from "../lib/currency.ts";

export type Zone = Answer<typeof api.admin.shipping.zones.$get>["items"][number];
export type ShippingMethod = Zone["methods"][number];
export type Band = ShippingMethod["bands"][number];
export type MethodKind = ShippingMethod["kind"];
export type PreviewInput = { country: string; postalCode: string; weightGrams: string; subtotal: string };
export type ShippingPreview = Answer<typeof api.admin.shipping.preview.$get>;

/** Every zone with its methods and bands, in the merchant's order. */
export const getZones = query(async () => (await read(api.admin.shipping.zones.$get())).items, "admin-shipping-zones");

/** What an order of a weight and subtotal pays to ship to an address, method by method. */
export const getShippingPreview = query(
  (input: PreviewInput) => read(api.admin.shipping.preview.$get({ query: input })),
  "admin-shipping-preview",
);

/** What a change of zones or methods makes stale. */
export const shippingKeys = [getZones.key, getShippingPreview.key];

export const preloadShipping = () => [getShopCurrency(), getZones()];

export const kindChoices: { value: MethodKind; label: string }[] = [
  { value: "flat", label: "Flat price" },
  { value: "weight", label: "By weight bands" },
  { value: "subtotal", label: "By subtotal bands" },
  { value: "per_item", label: "Each item's own shipping amount" },
  { value: "pickup", label: "Pickup" },
];

export const kindLabel = (kind: MethodKind) => kindChoices.find((choice) => choice.value === kind)?.label ?? kind;

/** Whether a method's price comes from its bands. */
export const banded = (kind: MethodKind) => kind === "weight" || kind === "subtotal";

export const formatGrams = (grams: number) => `${new Intl.NumberFormat("en-US").format(grams)} g`;

export function deliveryDays(method: { minDays: number | null; maxDays: number | null }) {
  const { minDays, maxDays } = method;
  if (minDays === null && maxDays === null) return "";
  if (minDays === maxDays || maxDays === null) return `${minDays} days`;
  return `${minDays ?? 0}–${maxDays} days`;
}
