/**
 * What a cart costs delivered to an address: the shipping methods that apply there with their
 * prices, the one chosen, and the order's tax line by line. Pure: the caller reads the cart and the
 * shop's zones, methods and rates (in the same round trip as the rest of its work) and passes them.
 */
import { type AppliedPromotion, evaluatePromotions, type PromoLine, type Promotion } from "./promotions.ts";
import { type Band, type Destination, type MethodKind, methodPrice, type ZoneRule, zoneFor } from "./shipping.ts";
import { type RegionRate, rateFor, type TaxedOrder, taxOrder } from "./tax.ts";

export interface QuotedLine extends PromoLine {
  unitPrice: number;
  quantity: number;
  shippingAmount: number;
  weightGrams: number;
  taxClassId: string;
}

export interface MethodConfig {
  id: string;
  name: string;
  kind: MethodKind;
  price: number;
  freeAbove: number | null;
  minDays: number | null;
  maxDays: number | null;
  active: boolean;
  position: number;
  bands: Band[];
}

export interface ZoneConfig extends ZoneRule {
  name: string;
  methods: MethodConfig[];
}

export interface ShippingTaxConfig {
  pricesIncludeTax: boolean;
  shippingTaxClassId: string;
  zones: ZoneConfig[];
  rates: RegionRate[];
}

export interface ShippingOption {
  id: string;
  name: string;
  kind: MethodKind;
  /** What the shopper pays for it, after a free-shipping promotion. */
  price: number;
  /** Its price before promotions (shown struck through when they took something off). */
  regularPrice: number;
  minDays: number | null;
  maxDays: number | null;
}

export interface Quote {
  /** Whether a zone covers the address. */
  shippable: boolean;
  zone: { id: string; name: string } | null;
  /** The methods that take the cart there, cheapest first. */
  options: ShippingOption[];
  /** The method priced: the one asked for when it applies, else the cheapest; none when none applies. */
  method: ShippingOption | null;
  /** Whether the method asked for (if any) applies here. */
  askedApplies: boolean;
  /** The order taxed line by line, with the method's price as shipping (0 without a method). */
  order: TaxedOrder;
  /** The promotions the order takes with that method, and what each takes off where. */
  promotions: AppliedPromotion[];
  /** What promotions took off the method's price. */
  shippingDiscount: number;
}

/** Where a quote goes when the shopper has not said: the rest of the world's zone and tax region. */
export const anywhere: Destination = { country: "*", subdivision: null, postalCode: "" };

/**
 * Quotes `lines` to `to` with `promotions` (those live for this shopper, coupons among them): the
 * zone's active methods that take the cart (cheapest first after free shipping, then the
 * merchant's order), the chosen one, and the order taxed line by line with each line's discount.
 */
export function quote(
  config: ShippingTaxConfig,
  lines: QuotedLine[],
  to: Destination,
  promotions: Promotion[],
  askedMethodId?: string | null,
): Quote {
  const zone = zoneFor(config.zones, to);
  const goods = lines.reduce((sum, line) => sum + line.unitPrice * line.quantity, 0);
  // What the goods take does not depend on the method; free shipping does, so each method is priced with it.
  const onGoods = evaluatePromotions(lines, promotions, 0);
  const discount = onGoods.lineDiscounts.reduce((sum, share) => sum + share, 0);
  const cart = {
    weightGrams: lines.reduce((sum, line) => sum + line.weightGrams * line.quantity, 0),
    subtotal: goods - discount,
    perItemShipping: lines.reduce((sum, line) => sum + line.shippingAmount * line.quantity, 0),
  };
  const options = (zone?.methods ?? [])
    .filter((method) => method.active)
    .map((method) => ({ method, regularPrice: methodPrice(method, cart) }))
    .filter((priced): priced is { method: MethodConfig; regularPrice: number } => priced.regularPrice !== null)
    .map(({ method, regularPrice }) => {
      const evaluation = evaluatePromotions(lines, promotions, regularPrice, method.id);
      return { method, regularPrice, evaluation, price: regularPrice - evaluation.shippingDiscount };
    })
    .sort(
      (a, b) => a.price - b.price || a.method.position - b.method.position || a.method.id.localeCompare(b.method.id),
    );
  const shown = options.map(({ method, price, regularPrice }) => ({
    id: method.id,
    name: method.name,
    kind: method.kind,
    price,
    regularPrice,
    minDays: method.minDays,
    maxDays: method.maxDays,
  }));
  const askedAt = askedMethodId ? options.findIndex((option) => option.method.id === askedMethodId) : -1;
  const at = askedAt >= 0 ? askedAt : options.length > 0 ? 0 : -1;
  const evaluation = at >= 0 ? options[at].evaluation : onGoods;
  const method = at >= 0 ? shown[at] : null;
  const order = taxOrder(
    lines.map((line) => ({
      amount: line.unitPrice * line.quantity,
      rateBps: rateFor(config.rates, line.taxClassId, to.country, to.subdivision),
    })),
    evaluation.lineDiscounts,
    {
      amount: method?.price ?? 0,
      rateBps: rateFor(config.rates, config.shippingTaxClassId, to.country, to.subdivision),
    },
    config.pricesIncludeTax,
  );
  return {
    shippable: zone !== undefined,
    zone: zone ? { id: zone.id, name: zone.name } : null,
    options: shown,
    method,
    askedApplies: !askedMethodId || askedAt >= 0,
    order,
    promotions: evaluation.applied,
    shippingDiscount: evaluation.shippingDiscount,
  };
}
