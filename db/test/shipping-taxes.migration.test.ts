import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freshDatabase } from "../../test/setup/legacy-database.ts";
import { migrateThrough, runMigrations } from "../migrate.ts";

/**
 * A shop as it stood before shipping zones and tax rates (through migration 0015): carts, a pending
 * order, a paid one with a coupon's discount over two lines, and a free one. Migrated, every row and
 * every amount stays, and each order's lines now explain exactly what it was charged.
 */
const { bindings } = inject("localStack");
let url: string;
let client: pg.Client;

const id = (n: number) => `00000000-0000-4000-8000-0016${String(n).padStart(8, "0")}`;
const tables = ["users", "products", "product_variants", "carts", "cart_items", "orders", "order_items"] as const;
const counts = async () =>
  Object.fromEntries(
    await Promise.all(
      tables.map(async (t) => [t, (await client.query(`SELECT count(*)::int AS n FROM "${t}"`)).rows[0].n] as const),
    ),
  );
const orderAmounts = async () =>
  (await client.query("SELECT id, subtotal, discount, tax, shipping, total FROM orders ORDER BY id")).rows;

let before: { counts: Record<string, number>; orders: unknown[]; carts: unknown[] };

beforeAll(async () => {
  url = await freshDatabase(bindings.DATABASE_URL, "royal_shop_shipping_taxes");
  await migrateThrough(url, "0015_shipment_tracking");
  client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`
    INSERT INTO users (id, username, email, is_email_verified) VALUES
      ('${id(1)}', 'ada@example.com', 'ada@example.com', true), ('${id(2)}', 'bo@example.com', 'bo@example.com', true);
    INSERT INTO products (id, slug, name) VALUES ('${id(11)}', 'lamp', 'Lamp'), ('${id(12)}', 'mug', 'Mug');
    INSERT INTO product_variants (id, product_id, sku, title, price, shipping_amount, discount, stock_qty) VALUES
      ('${id(21)}', '${id(11)}', 'LAMP', 'Default', 2500, 300, 300, 5),
      ('${id(22)}', '${id(12)}', 'MUG', 'Default', 1005, 150, 0, 9);
    INSERT INTO carts (id, user_id, version) VALUES ('${id(31)}', '${id(1)}', 3);
    INSERT INTO cart_items (cart_id, variant_id, quantity) VALUES ('${id(31)}', '${id(21)}', 2), ('${id(31)}', '${id(22)}', 1);
    INSERT INTO orders (id, user_id, status, currency, subtotal, discount, tax, shipping, shipping_address,
        idempotency_key, request_hash, expires_at) VALUES
      ('${id(41)}', '${id(1)}', 'pending_payment', 'USD', 5405, 541, 438, 750, '{}', 'k1', 'h', now() + interval '15 minutes'),
      ('${id(42)}', '${id(2)}', 'paid', 'USD', 3010, 0, 271, 300, '{}', 'k2', 'h', now()),
      ('${id(43)}', '${id(2)}', 'paid', 'USD', 2200, 2200, 0, 0, '{}', 'k3', 'h', now());
    INSERT INTO order_items (order_id, product_id, variant_id, name, variant_title, sku, unit_price, shipping_amount, quantity) VALUES
      ('${id(41)}', '${id(11)}', '${id(21)}', 'Lamp', 'Default', 'LAMP', 2200, 300, 2),
      ('${id(41)}', '${id(12)}', '${id(22)}', 'Mug', 'Default', 'MUG', 1005, 150, 1),
      ('${id(42)}', '${id(12)}', '${id(22)}', 'Mug', 'Default', 'MUG', 1005, 150, 2),
      ('${id(42)}', '${id(11)}', '${id(21)}', 'Lamp', 'Default', 'LAMP', 1000, 0, 1),
      ('${id(43)}', '${id(11)}', '${id(21)}', 'Lamp', 'Default', 'LAMP', 2200, 0, 1);
  `);
  before = {
    counts: await counts(),
    orders: await orderAmounts(),
    carts: (await client.query("SELECT cart_id, variant_id, quantity FROM cart_items ORDER BY variant_id")).rows,
  };
  await runMigrations(url);
});
afterAll(() => client?.end());

describe("the migration to shipping zones and tax rates, on a shop with carts and orders", () => {
  it("keeps every row, every cart line and every order's amounts and total exactly", async () => {
    const after = await counts();
    console.log(`rows before → after: ${tables.map((t) => `${t} ${before.counts[t]}→${after[t]}`).join(", ")}`);
    expect(after).toEqual(before.counts);
    expect(await orderAmounts()).toEqual(before.orders);
    expect(
      (await client.query("SELECT cart_id, variant_id, quantity FROM cart_items ORDER BY variant_id")).rows,
    ).toEqual(before.carts);
  });

  it("gives each order's lines shares of its discount and tax that add up to the order's, to the cent", async () => {
    const sums = await client.query(`
      SELECT o.id, o.discount, o.tax, sum(i.discount_amount)::int AS discounts, sum(i.tax_amount)::int AS taxes,
        sum(i.net_amount)::int AS nets, o.subtotal - o.discount AS net
      FROM orders o JOIN order_items i ON i.order_id = o.id GROUP BY o.id ORDER BY o.id`);
    for (const row of sums.rows) {
      expect(row.discounts).toBe(row.discount);
      expect(row.taxes).toBe(row.tax);
      expect(row.nets).toBe(row.net);
    }
    const lines = await client.query(`
      SELECT sku, discount_amount, net_amount, tax_amount, tax_rate_bps FROM order_items
      WHERE order_id = '${id(41)}' ORDER BY sku`);
    // 541 off 4400 + 1005 by largest remainder: 440 and 101; 438 of tax over 3960 and 904: 357 and 81.
    expect(lines.rows).toEqual([
      { sku: "LAMP", discount_amount: 440, net_amount: 3960, tax_amount: 357, tax_rate_bps: 900 },
      { sku: "MUG", discount_amount: 101, net_amount: 904, tax_amount: 81, tax_rate_bps: 900 },
    ]);
  });

  it("sets the shop up as it charged: 9 % everywhere on goods, shipping untaxed, each item's own shipping wherever it goes", async () => {
    const classes = await client.query(`
      SELECT c.name, c.is_default, r.country, r.rate_bps FROM tax_classes c JOIN tax_rates r ON r.tax_class_id = c.id
      ORDER BY c.position`);
    expect(classes.rows).toEqual([
      { name: "Standard", is_default: true, country: "*", rate_bps: 900 },
      { name: "Zero", is_default: false, country: "*", rate_bps: 0 },
    ]);
    const settings = await client.query(
      "SELECT s.prices_include_tax, c.name FROM shop_settings s JOIN tax_classes c ON c.id = s.shipping_tax_class_id",
    );
    expect(settings.rows).toEqual([{ prices_include_tax: false, name: "Zero" }]);
    const methods = await client.query(
      "SELECT z.countries, m.name, m.kind FROM shipping_zones z JOIN shipping_methods m ON m.zone_id = z.id",
    );
    expect(methods.rows).toEqual([{ countries: ["*"], name: "Standard", kind: "per_item" }]);
    const variants = await client.query(
      "SELECT count(*)::int AS n FROM product_variants v JOIN tax_classes c ON c.id = v.tax_class_id WHERE c.name = 'Standard'",
    );
    expect(variants.rows[0].n).toBe(2);
    const shipped = await client.query("SELECT DISTINCT shipping_method_name FROM orders");
    expect(shipped.rows).toEqual([{ shipping_method_name: "Standard" }]);
  });

  it("refuses two bands of one method that share a value, and a second default tax class", async () => {
    const method = (await client.query("SELECT id FROM shipping_methods LIMIT 1")).rows[0].id;
    await client.query(
      "INSERT INTO shipping_rates (method_id, min_value, max_value, price) VALUES ($1, 0, 1000, 500)",
      [method],
    );
    await expect(
      client.query("INSERT INTO shipping_rates (method_id, min_value, max_value, price) VALUES ($1, 999, NULL, 900)", [
        method,
      ]),
    ).rejects.toThrow(/shipping_rates_bands_apart/);
    await client.query(
      "INSERT INTO shipping_rates (method_id, min_value, max_value, price) VALUES ($1, 1000, NULL, 900)",
      [method],
    );
    await expect(client.query("INSERT INTO tax_classes (name, is_default) VALUES ('Reduced', true)")).rejects.toThrow(
      /tax_classes_one_default/,
    );
  });
});
