/**
 * What a cart costs delivered to an address: the shipping methods that apply there with their
 * prices, the one chosen, and the order's tax line by line. Pure: the caller reads the cart and the
 * shop's zones, methods and rates (in the same round trip as the rest of its work) and passes them.
 */
import { type Band, type Destination, type MethodKind, methodPrice, type ZoneRule, zoneFor } from "./shipping.ts";
import { type RegionRate, rateFor, type TaxedOrder, taxOrder } from "./tax.ts";

export interface QuotedLine {
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
  price: number;
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
}

/** Where a quote goes when the shopper has not said: the rest of the world's zone and tax region. */
export const anywhere: Destination = { country: "*", subdivision: null, postalCode: "" };

/**
 * Quotes `lines` to `to` with `discount` off the goods: the zone's active methods that take the cart
 * (cheapest first, then the merchant's order), the chosen one, and the order taxed line by line.
 */
export function quote(
  config: ShippingTaxConfig,
  lines: QuotedLine[],
  to: Destination,
  discount: number,
  askedMethodId?: string | null,
): Quote {
  const zone = zoneFor(config.zones, to);
  const goods = lines.reduce((sum, line) => sum + line.unitPrice * line.quantity, 0);
  const cart = {
    weightGrams: lines.reduce((sum, line) => sum + line.weightGrams * line.quantity, 0),
    subtotal: goods - discount,
    perItemShipping: lines.reduce((sum, line) => sum + line.shippingAmount * line.quantity, 0),
  };
  const options = (zone?.methods ?? [])
    .filter((method) => method.active)
    .map((method) => ({ method, price: methodPrice(method, cart) }))
    .filter((priced): priced is { method: MethodConfig; price: number } => priced.price !== null)
    .sort(
      (a, b) => a.price - b.price || a.method.position - b.method.position || a.method.id.localeCompare(b.method.id),
    )
    .map(({ method, price }) => ({
      id: method.id,
      name: method.name,
      kind: method.kind,
      price,
      minDays: method.minDays,
      maxDays: method.maxDays,
    }));
  const asked = askedMethodId ? options.find((option) => option.id === askedMethodId) : undefined;
  const method = asked ?? options[0] ?? null;
  const order = taxOrder(
    lines.map((line) => ({
      amount: line.unitPrice * line.quantity,
      rateBps: rateFor(config.rates, line.taxClassId, to.country, to.subdivision),
    })),
    discount,
    {
      amount: method?.price ?? 0,
      rateBps: rateFor(config.rates, config.shippingTaxClassId, to.country, to.subdivision),
    },
    config.pricesIncludeTax,
  );
  return {
    shippable: zone !== undefined,
    zone: zone ? { id: zone.id, name: zone.name } : null,
    options,
    method,
    askedApplies: !askedMethodId || asked !== undefined,
    order,
  };
}
