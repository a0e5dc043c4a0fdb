/**
 * Where the shop ships and at what price: the zone that covers an address, and what a method of
 * that zone charges for a cart. Amounts are integers in the currency's minor unit; weights in grams.
 */

/** A zone: countries (`*` for the rest of the world), optionally narrowed to subdivisions and postal codes. */
export interface ZoneRule {
  id: string;
  countries: string[];
  subdivisions: string[];
  /** `75*` (a prefix), `75000-75999` (a range of numbers), or a whole code; case and spaces do not count. */
  postalPatterns: string[];
  position: number;
}

export interface Destination {
  country: string;
  subdivision?: string | null;
  postalCode: string;
}

const normal = (code: string) => code.replace(/\s+/g, "").toUpperCase();

/** Whether a postal code matches one pattern. */
export function postalMatches(pattern: string, postalCode: string): boolean {
  const code = normal(postalCode);
  const wanted = normal(pattern);
  const range = /^(\d+)-(\d+)$/.exec(wanted);
  if (range) {
    const [, low, high] = range;
    return /^\d+$/.test(code) && code.length === low.length && code >= low && code <= high;
  }
  if (wanted.endsWith("*")) return code.startsWith(wanted.slice(0, -1));
  return code === wanted;
}

/** How narrowly a zone that covers an address covers it; undefined when it does not. */
function specificity(zone: ZoneRule, to: Destination): number | undefined {
  const country = to.country.toUpperCase();
  const byCountry = zone.countries.includes(country);
  if (!byCountry && !zone.countries.includes("*")) return undefined;
  if (zone.subdivisions.length > 0 && !zone.subdivisions.includes((to.subdivision ?? "").toUpperCase())) {
    return undefined;
  }
  if (zone.postalPatterns.length > 0 && !zone.postalPatterns.some((p) => postalMatches(p, to.postalCode))) {
    return undefined;
  }
  return (byCountry ? 1 : 0) + (zone.subdivisions.length > 0 ? 2 : 0) + (zone.postalPatterns.length > 0 ? 4 : 0);
}

/**
 * The zone an address ships from: the most specific that covers it (postal codes, then
 * subdivisions, then the country, then the rest of the world); between equals, the first in the
 * merchant's order. None: the shop does not ship there.
 */
export function zoneFor<Z extends ZoneRule>(zones: Z[], to: Destination): Z | undefined {
  let best: { zone: Z; score: number } | undefined;
  for (const zone of zones) {
    const score = specificity(zone, to);
    if (score === undefined) continue;
    if (
      !best ||
      score > best.score ||
      (score === best.score &&
        (zone.position < best.zone.position || (zone.position === best.zone.position && zone.id < best.zone.id)))
    ) {
      best = { zone, score };
    }
  }
  return best?.zone;
}

/**
 * How a method prices a cart: a flat price; each variant's own shipping amount × quantity (the
 * shop's original rule, kept for the zone migrated from it); by weight or by subtotal band; or
 * pickup at the shop.
 */
export type MethodKind = "flat" | "per_item" | "weight" | "subtotal" | "pickup";

/** A band of weight (grams) or subtotal: from `min` up to, not including, `max` (open when null). */
export interface Band {
  min: number;
  max: number | null;
  price: number;
}

export interface MethodRule {
  kind: MethodKind;
  /** The price of a flat or pickup method. */
  price: number;
  bands: Band[];
  /** Free from this subtotal on (after discounts), when set. */
  freeAbove: number | null;
}

export interface ShippedCart {
  weightGrams: number;
  /** After discounts. */
  subtotal: number;
  /** Σ each variant's shipping amount × quantity. */
  perItemShipping: number;
}

const inBand = (band: Band, value: number) => value >= band.min && (band.max === null || value < band.max);

/** What a method charges for a cart; null when no band of it takes the cart (the method does not apply). */
export function methodPrice(method: MethodRule, cart: ShippedCart): number | null {
  let price: number | null;
  switch (method.kind) {
    case "flat":
    case "pickup":
      price = method.price;
      break;
    case "per_item":
      price = cart.perItemShipping;
      break;
    case "weight":
      price = method.bands.find((band) => inBand(band, cart.weightGrams))?.price ?? null;
      break;
    case "subtotal":
      price = method.bands.find((band) => inBand(band, cart.subtotal))?.price ?? null;
      break;
  }
  if (price === null) return null;
  return method.freeAbove !== null && cart.subtotal >= method.freeAbove ? 0 : price;
}

/** The first two bands that share a value, in the order given; none when they are apart. */
export function overlappingBands(bands: Band[]): [Band, Band] | undefined {
  const sorted = [...bands].sort((a, b) => a.min - b.min);
  for (let i = 1; i < sorted.length; i++) {
    const before = sorted[i - 1];
    if (before.max === null || before.max > sorted[i].min) return [before, sorted[i]];
  }
  return undefined;
}
