import { methodPrice, zoneFor } from "../domain/shipping.ts";
import { rateFor } from "../domain/tax.ts";
import type { ShopContext } from "../platform/context.ts";
import { shippingTaxConfigOf, shippingTaxConfigStatement } from "../repositories/shipping.repository.ts";
import { defaultTaxClassStatement } from "../repositories/taxes.repository.ts";
import type { PreviewQuery, ShippingPreview } from "../schemas/shipping-admin.ts";

/**
 * What an order of a weight and subtotal would pay to ship to an address, as checkout prices it: the
 * zone that covers the address and each of its methods' price, or why the method does not apply.
 * One round trip.
 */
export async function previewShipping(ctx: ShopContext, query: PreviewQuery): Promise<ShippingPreview> {
  const [configRead, defaultRead] = await ctx.db.batch([
    shippingTaxConfigStatement(ctx.db),
    defaultTaxClassStatement(ctx.db),
  ]);
  const config = shippingTaxConfigOf(configRead);
  const to = { country: query.country, subdivision: query.subdivision ?? null, postalCode: query.postalCode ?? "" };
  const zone = zoneFor(config.zones, to);
  const cart = { weightGrams: query.weightGrams, subtotal: query.subtotal, perItemShipping: 0 };
  const methods = (zone?.methods ?? []).map(({ bands, freeAbove, ...method }) => {
    const price = methodPrice({ ...method, bands, freeAbove }, cart);
    const reason = !method.active
      ? "inactive"
      : method.kind === "per_item"
        ? "per_item"
        : price === null
          ? "no_band"
          : null;
    return { ...method, price: reason ? null : price, reason } as const;
  });
  const defaultClassId = defaultRead.rows[0]?.id ?? "";
  return {
    zone: zone ? { id: zone.id, name: zone.name } : null,
    methods,
    tax: {
      pricesIncludeTax: config.pricesIncludeTax,
      goodsRateBps: rateFor(config.rates, defaultClassId, to.country, to.subdivision),
      shippingRateBps: rateFor(config.rates, config.shippingTaxClassId, to.country, to.subdivision),
    },
    currency: ctx.config.currency,
  };
}
