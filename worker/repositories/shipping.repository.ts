import { sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import type { ShippingTaxConfig } from "../domain/quote.ts";

/** The shop's zones with their methods and bands, its tax rates and its tax setting, as one JSON value. */
const configJson = sql`
    SELECT json_build_object(
      'pricesIncludeTax', s.prices_include_tax,
      'shippingTaxClassId', s.shipping_tax_class_id,
      'zones', coalesce((SELECT json_agg(json_build_object(
          'id', z.id, 'name', z.name, 'countries', z.countries, 'subdivisions', z.subdivisions,
          'postalPatterns', z.postal_patterns, 'position', z.position,
          'methods', coalesce((SELECT json_agg(json_build_object(
              'id', m.id, 'name', m.name, 'kind', m.kind, 'price', m.price, 'freeAbove', m.free_above,
              'minDays', m.min_days, 'maxDays', m.max_days, 'active', m.is_active, 'position', m.position,
              'bands', coalesce((SELECT json_agg(json_build_object('min', r.min_value, 'max', r.max_value, 'price', r.price)
                  ORDER BY r.min_value) FROM shipping_rates r WHERE r.method_id = m.id), '[]'))
            ORDER BY m.position, m.id) FROM shipping_methods m WHERE m.zone_id = z.id), '[]'))
        ORDER BY z.position, z.id) FROM shipping_zones z), '[]'),
      'rates', coalesce((SELECT json_agg(json_build_object(
          'taxClassId', t.tax_class_id, 'country', t.country, 'subdivision', t.subdivision, 'rateBps', t.rate_bps)
          ORDER BY t.id) FROM tax_rates t), '[]')) AS config
    FROM shop_settings s`;

/**
 * The config (small tables, one statement) for a quote or a checkout to price a cart in the same
 * round trip, with its version: a digest that changes with any of it.
 */
export const shippingTaxConfigStatement = (db: Database) =>
  db.execute<{ config: ShippingTaxConfig; version: string }>(
    sql`SELECT c.config, md5(c.config::text) AS version FROM (${configJson}) c`,
  );

/** Gives up (`cart_changed`: checkout reads again) when the config is no longer the version it priced with. */
export const refuseChangedConfigStatement = (db: Database, version: string) =>
  db.execute(sql`SELECT royal_refuse('cart_changed') FROM (${configJson}) c WHERE md5(c.config::text) <> ${version}`);

/** The config from its statement's answer (a shop always has its settings row, made by its migration). */
export function shippingTaxConfigOf(result: { rows: { config: ShippingTaxConfig }[] }): ShippingTaxConfig {
  const row = result.rows[0];
  if (!row) throw new Error("the shop has no settings row");
  return row.config;
}
