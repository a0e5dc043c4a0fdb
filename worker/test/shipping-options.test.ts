import { exports } from "cloudflare:workers";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answer, client, expectStatus } from "../../test/support/client.ts";
import {
  address,
  call,
  checkoutAs,
  createProduct,
  createShoppers,
  expectError,
  origin,
  pressSandboxButton,
  seedAdmin,
  setVariantLine,
  startPaymentAs,
  stockOf,
  tokenFor,
  withActor,
  withServices,
} from "../../test/support/shop.ts";
import { refuseChangedConfigStatement, shippingTaxConfigStatement } from "../repositories/shipping.repository.ts";
import { checkout } from "../services/checkout.service.ts";

/**
 * Quoting a cart to an address: the zones of a country of this test's own (Iceland), their methods
 * and bands, its tax rate, and the checkout that charges what the quote said.
 */
const run = crypto.randomUUID().slice(0, 8);
const ids: Record<string, string> = {};

beforeAll(async () => {
  await withServices(async ({ db }) => {
    const made = await db.execute<{ name: string; id: string }>(sql`
      WITH iceland AS (
        INSERT INTO shipping_zones (name, countries, position) VALUES (${`Iceland ${run}`}, '{IS}', 0) RETURNING id
      ), reykjavik AS (
        INSERT INTO shipping_zones (name, countries, postal_patterns, position)
        VALUES (${`Reykjavik ${run}`}, '{IS}', '{"10*","101-199"}', 0) RETURNING id
      ), methods AS (
        INSERT INTO shipping_methods (zone_id, name, kind, price, free_above, min_days, max_days, is_active, position)
        SELECT iceland.id, 'Post', 'weight'::shipping_method_kind, 0, NULL::int, 3::smallint, 5::smallint, true, 0 FROM iceland
        UNION ALL SELECT iceland.id, 'Express', 'flat', 2500, NULL, 1, 1, true, 1 FROM iceland
        UNION ALL SELECT iceland.id, 'Closed counter', 'pickup', 0, NULL, NULL, NULL, false, 2 FROM iceland
        UNION ALL SELECT reykjavik.id, 'Bike courier', 'flat', 800, 30000, 0, 1, true, 0 FROM reykjavik
        RETURNING id, name
      ), bands AS (
        INSERT INTO shipping_rates (method_id, min_value, max_value, price)
        SELECT id, 0, 1000, 500 FROM methods WHERE name = 'Post'
        UNION ALL SELECT id, 1000, 5000, 900 FROM methods WHERE name = 'Post'
      ), rate AS (
        INSERT INTO tax_rates (tax_class_id, country, rate_bps) SELECT id, 'IS', 2400 FROM tax_classes WHERE name = 'Standard'
      )
      SELECT name, id FROM methods`);
    for (const row of made.rows) ids[row.name] = row.id;
  });
});

afterAll(async () => {
  await withServices(async ({ db }) => {
    await db.execute(sql`DELETE FROM shipping_zones WHERE name IN (${`Iceland ${run}`}, ${`Reykjavik ${run}`})`);
    await db.execute(sql`DELETE FROM tax_rates WHERE country = 'IS'`);
  });
});

/** A shopper with `quantity` of a product weighing `grams` each, at `price`. */
async function cartOf(grams: number, quantity: number, price = 4_000) {
  const [shopper] = await createShoppers(1);
  const product = await createProduct({ stock: 20, price, shipping: 250 });
  await withServices(({ db }) =>
    db.execute(sql`UPDATE product_variants SET weight_grams = ${grams} WHERE id = ${product.variantId}`),
  );
  expectStatus(await setVariantLine(shopper.token, product.variantId, quantity), 200);
  return { shopper, product };
}

const optionsFor = (token: string, query: Record<string, string>) =>
  answer(client({ token }).cart["shipping-options"].$get({ query: query as { country: string; postalCode: string } }));

describe("GET /cart/shipping-options", () => {
  it("offers the zone's active methods that take the cart, cheapest first, by weight band, with the region's tax per line", async () => {
    const { shopper } = await cartOf(400, 2);
    const quoted = expectStatus(await optionsFor(shopper.token, { country: "is", postalCode: "600" }), 200);
    expect(quoted.shippable).toBe(true);
    // 800 g: the first band of Post; Express flat; the closed counter is inactive.
    expect(quoted.options.map((o) => [o.name, o.price, o.minDays, o.maxDays])).toEqual([
      ["Post", 500, 3, 5],
      ["Express", 2_500, 1, 1],
    ]);
    expect(quoted.method?.name).toBe("Post");
    // 8000 of goods at 24 % = 1920; shipping untaxed (the Zero class).
    expect(quoted.summary).toEqual({
      subtotal: 8_000,
      discount: 0,
      shipping: 500,
      tax: 1_920,
      total: 10_420,
      pricesIncludeTax: false,
      taxLines: [{ rateBps: 2_400, amount: 1_920 }],
      shippingDiscount: 0,
    });

    const express = expectStatus(
      await optionsFor(shopper.token, { country: "IS", postalCode: "600", methodId: ids.Express }),
      200,
    );
    expect([express.method?.name, express.methodApplies, express.summary.total]).toEqual(["Express", true, 12_420]);
    const closed = expectStatus(
      await optionsFor(shopper.token, { country: "IS", postalCode: "600", methodId: ids["Closed counter"] }),
      200,
    );
    expect([closed.method?.name, closed.methodApplies]).toEqual(["Post", false]);
  });

  it("takes the most specific zone by postal code, in every form its patterns allow (saleor storefront #438: postal rules ignored)", async () => {
    const { shopper } = await cartOf(400, 1);
    for (const postalCode of ["101", "105", "10 7", "199"]) {
      const quoted = expectStatus(await optionsFor(shopper.token, { country: "IS", postalCode }), 200);
      expect(
        quoted.options.map((o) => o.name),
        postalCode,
      ).toEqual(["Bike courier"]);
    }
    const outside = expectStatus(await optionsFor(shopper.token, { country: "IS", postalCode: "200" }), 200);
    expect(outside.options.map((o) => o.name)).toEqual(["Post", "Express"]);
    // Without a postal code yet: an estimate for the country, by its zone that asks for none.
    const estimate = expectStatus(
      await answer(client({ token: shopper.token }).cart["shipping-options"].$get({ query: { country: "IS" } })),
      200,
    );
    expect(estimate.options.map((o) => o.name)).toEqual(["Post", "Express"]);
  });

  it("moves to the next band by weight and leaves out a method no band takes, never silently free", async () => {
    const heavy = await cartOf(1_000, 2);
    const second = expectStatus(await optionsFor(heavy.shopper.token, { country: "IS", postalCode: "600" }), 200);
    expect(second.options.map((o) => [o.name, o.price])).toEqual([
      ["Post", 900],
      ["Express", 2_500],
    ]);
    const tooHeavy = await cartOf(3_000, 2);
    const beyond = expectStatus(await optionsFor(tooHeavy.shopper.token, { country: "IS", postalCode: "600" }), 200);
    expect(beyond.options.map((o) => o.name)).toEqual(["Express"]);
  });

  it("is free from a method's threshold on", async () => {
    const { shopper } = await cartOf(100, 8, 4_000);
    const quoted = expectStatus(await optionsFor(shopper.token, { country: "IS", postalCode: "101" }), 200);
    expect(quoted.options).toEqual([expect.objectContaining({ name: "Bike courier", price: 0 })]);
  });

  it("charges at checkout exactly what it quoted, by the method chosen, and stores each line's amounts", async () => {
    const { shopper } = await cartOf(400, 2);
    const to = { country: "IS", postalCode: "600" };
    const quoted = expectStatus(await optionsFor(shopper.token, { ...to, methodId: ids.Express }), 200);
    const order = expectStatus(
      await checkoutAs(shopper.token, {
        shippingAddress: { ...address, ...to },
        shippingMethodId: ids.Express,
      }),
      201,
    );
    expect({ subtotal: order.subtotal, shipping: order.shipping, tax: order.tax, total: order.total }).toEqual({
      subtotal: quoted.summary.subtotal,
      shipping: quoted.summary.shipping,
      tax: quoted.summary.tax,
      total: quoted.summary.total,
    });
    expect(order.shippingMethod).toEqual({ id: ids.Express, name: "Express" });
    expect(order.items).toEqual([
      expect.objectContaining({ discountAmount: 0, netAmount: 8_000, taxAmount: 1_920, taxRateBps: 2_400 }),
    ]);
  });

  it("refuses at checkout a method that does not take the order there, naming those that do, and an order no method takes", async () => {
    const { shopper } = await cartOf(400, 1);
    const to = { ...address, country: "IS", postalCode: "600" };
    const refused = expectError(
      await checkoutAs(shopper.token, { shippingAddress: to, shippingMethodId: ids["Bike courier"] }),
      409,
      "shipping_method_unavailable",
    );
    expect((refused.error.details as { options: { name: string }[] }).options.map((o) => o.name)).toEqual([
      "Post",
      "Express",
    ]);
    const heavy = await cartOf(10_000, 1, 100_000);
    await withServices(({ db }) =>
      db.execute(sql`UPDATE shipping_methods SET is_active = false WHERE id = ${ids.Express}`),
    );
    try {
      expectError(await checkoutAs(heavy.shopper.token, { shippingAddress: to }), 409, "not_shippable");
    } finally {
      await withServices(({ db }) =>
        db.execute(sql`UPDATE shipping_methods SET is_active = true WHERE id = ${ids.Express}`),
      );
    }
  });

  it("answers 400 for an address it cannot read and 409 for an empty cart", async () => {
    const [shopper] = await createShoppers(1);
    const unreadable: Record<string, string>[] = [
      { country: "ISL", postalCode: "600" },
      { country: "IS", postalCode: "1".repeat(21) },
      { country: "IS", postalCode: "600", methodId: "express" },
    ];
    for (const query of unreadable) {
      expectError(await optionsFor(shopper.token, query), 400, "invalid_request");
    }
    expectError(await optionsFor(shopper.token, { country: "IS", postalCode: "600" }), 409, "cart_empty");
    expect((await call("/cart/shipping-options?country=IS&postalCode=600")).status).toBe(401);
  });
});

describe("the total the shopper saw", () => {
  const setIcelandRate = (rateBps: number) =>
    withServices(({ db }) => db.execute(sql`UPDATE tax_rates SET rate_bps = ${rateBps} WHERE country = 'IS'`));

  it("is the total charged, or the order is refused with 409 quote_changed saying the new one", async () => {
    const { shopper } = await cartOf(400, 2);
    const to = { country: "IS", postalCode: "600" };
    const shown = expectStatus(await optionsFor(shopper.token, to), 200).summary.total;
    await setIcelandRate(2_500);
    try {
      const refused = expectError(
        await checkoutAs(shopper.token, { shippingAddress: { ...address, ...to }, expectedTotal: shown }),
        409,
        "quote_changed",
      );
      // 8000 at 25 % now: 2000 of tax instead of 1920.
      expect(refused.error.details).toEqual({ expectedTotal: shown, total: shown + 80 });
      const placed = expectStatus(
        await checkoutAs(shopper.token, { shippingAddress: { ...address, ...to }, expectedTotal: shown + 80 }),
        201,
      );
      expect(placed.total).toBe(shown + 80);
    } finally {
      await setIcelandRate(2_400);
    }
  });

  it("is checked again inside the order's write: a rate that changed after the cart was read places nothing at the old one", async () => {
    const { shopper, product } = await cartOf(400, 2);
    const to = { ...address, country: "IS", postalCode: "600" };
    // In the write, after the reads priced the order at 24 %: the rate becomes 25 % (each attempt
    // changes it again within its own write, which the check undoes with the rest).
    const placing = withActor(shopper.id, (ctx) =>
      checkout(ctx, { shippingAddress: to }, crypto.randomUUID(), {
        afterStockReserved: ({ db }) => db.execute(sql`UPDATE tax_rates SET rate_bps = 2500 WHERE country = 'IS'`),
      }),
    );
    await expect(placing).rejects.toMatchObject({ code: "conflict" });
    expect(await stockOf(product.id)).toBe(20);
    const rate = await withServices(({ db }) =>
      db.execute<{ rate_bps: number }>(sql`SELECT rate_bps FROM tax_rates WHERE country = 'IS'`),
    );
    expect(rate.rows[0].rate_bps).toBe(2_400);
    // The check itself: a stale version is refused, the current one passes.
    await withServices(async ({ db }) => {
      const { version } = (await shippingTaxConfigStatement(db)).rows[0];
      await expect(refuseChangedConfigStatement(db, version)).resolves.toBeDefined();
      await expect(refuseChangedConfigStatement(db, "0".repeat(32))).rejects.toThrow(/cart_changed/);
    });
  });
});

describe("POST /guest/shipping-options", () => {
  it("quotes a guest's lines as it quotes an account's cart", async () => {
    const { shopper, product } = await cartOf(400, 2);
    const mine = expectStatus(await optionsFor(shopper.token, { country: "IS", postalCode: "600" }), 200);
    const guest = expectStatus(
      await answer(
        client().guest["shipping-options"].$post({
          json: {
            items: [{ variantId: product.variantId, quantity: 2 }],
            address: { country: "IS", postalCode: "600" },
          },
        }),
      ),
      200,
    );
    expect(guest).toEqual(mine);
  });
});

describe("GET /geo", () => {
  it("says the shopper's country as the edge saw it, with no database round trip, and null for what is not a country", async () => {
    const ask = async (country: string) => {
      const response = await exports.default.fetch(
        new Request(`${origin}/api/v1/geo`, { cf: { country } } as RequestInit),
      );
      return { body: await response.json(), timing: response.headers.get("server-timing") ?? "" };
    };
    const france = await ask("FR");
    expect(france.body).toEqual({ country: "FR" });
    expect(france.timing).not.toMatch(/db;desc="[1-9]/);
    expect((await ask("T1")).body).toEqual({ country: null });
  });
});

describe("reports of tax and shipping", () => {
  const today = new Date().toISOString().slice(0, 10);
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const reports = () => client({ token: adminToken }).admin.reports;
  let adminToken: string;

  it("count an order's tax for its country and rate and its shipping for its method once it is paid, from what it stored", async () => {
    adminToken = await tokenFor(seedAdmin, "admin");
    const icelandRow = async () => {
      const report = expectStatus(await answer(reports().taxes.$get({ query: { from: today, to: tomorrow } })), 200);
      return report.items.find((row) => row.country === "IS" && row.rateBps === 2_400) ?? { orders: 0, net: 0, tax: 0 };
    };
    const before = await icelandRow();
    const { shopper } = await cartOf(400, 2);
    const order = expectStatus(
      await checkoutAs(shopper.token, {
        shippingAddress: { ...address, country: "IS", postalCode: "600" },
        shippingMethodId: ids.Express,
      }),
      201,
    );
    // Not counted while unpaid.
    expect(await icelandRow()).toEqual(before);
    const { authority } = await startPaymentAs(shopper.token, order.id);
    expect((await pressSandboxButton(authority, "success")).status).toBe(200);
    const after = await icelandRow();
    expect([after.orders - before.orders, after.net - before.net, after.tax - before.tax]).toEqual([1, 8_000, 1_920]);
    const shipping = expectStatus(await answer(reports().shipping.$get({ query: { from: today, to: tomorrow } })), 200);
    expect(shipping.items.find((row) => row.method === "Express")?.shipping).toBeGreaterThanOrEqual(2_500);
    expectError(await answer(reports().taxes.$get({ query: { from: tomorrow, to: today } })), 400, "invalid_request");
    expect((await call(`/admin/reports/taxes?from=${today}&to=${tomorrow}`, { token: shopper.token })).status).toBe(
      403,
    );
  });
});

describe("the shipping choice kept with the cart", () => {
  it("prices by the method chosen before when none is named, says so once it no longer applies, and reaches every device's cart", async () => {
    const { shopper } = await cartOf(400, 2);
    const kept = expectStatus(
      await answer(
        client({ token: shopper.token }).cart["shipping-choice"].$put({
          json: { country: "is", postalCode: "600", methodId: ids.Express },
        }),
      ),
      200,
    );
    expect(kept.shippingChoice).toEqual({ country: "IS", subdivision: null, postalCode: "600", methodId: ids.Express });
    const read = expectStatus(await answer(client({ token: shopper.token }).cart.$get()), 200);
    expect(read.shippingChoice?.methodId).toBe(ids.Express);
    expect(read.version).toBeGreaterThan(1);
    const quoted = expectStatus(await optionsFor(shopper.token, { country: "IS", postalCode: "600" }), 200);
    expect([quoted.method?.name, quoted.methodApplies]).toEqual(["Express", true]);

    // Express closes: the quote says the method chosen no longer applies, and prices by the cheapest.
    await withServices(({ db }) =>
      db.execute(sql`UPDATE shipping_methods SET is_active = false WHERE id = ${ids.Express}`),
    );
    try {
      const gone = expectStatus(await optionsFor(shopper.token, { country: "IS", postalCode: "600" }), 200);
      expect([gone.method?.name, gone.methodApplies]).toEqual(["Post", false]);
    } finally {
      await withServices(({ db }) =>
        db.execute(sql`UPDATE shipping_methods SET is_active = true WHERE id = ${ids.Express}`),
      );
    }
    // An unknown method is kept as none; a country that is not one is 400.
    const unknown = expectStatus(
      await answer(
        client({ token: shopper.token }).cart["shipping-choice"].$put({
          json: { country: "IS", methodId: crypto.randomUUID() },
        }),
      ),
      200,
    );
    expect(unknown.shippingChoice?.methodId).toBeNull();
    expectError(
      await answer(client({ token: shopper.token }).cart["shipping-choice"].$put({ json: { country: "ISL" } })),
      400,
      "invalid_request",
    );
  });
});

describe("a quote to a saved address", () => {
  it("quotes my cart to one of my saved addresses by its id; another's is not found; an id that is not one is 400", async () => {
    const { shopper } = await cartOf(400, 2);
    const [other] = await createShoppers(1);
    const mine = expectStatus(
      await answer(
        client({ token: shopper.token }).me.addresses.$post({
          json: { name: "Ada", line1: "Laugavegur 1", city: "Reykjavík", postalCode: "600", country: "IS" },
        }),
      ),
      201,
    );
    const quoted = expectStatus(
      await answer(
        client({ token: shopper.token }).cart["shipping-options"][":addressId"].$get({
          param: { addressId: mine.id },
          query: {},
        }),
      ),
      200,
    );
    expect(quoted.options.map((o) => o.name)).toEqual(["Post", "Express"]);
    expect(quoted.summary.taxLines).toEqual([{ rateBps: 2_400, amount: 1_920 }]);
    expectError(
      await answer(
        client({ token: other.token }).cart["shipping-options"][":addressId"].$get({
          param: { addressId: mine.id },
          query: {},
        }),
      ),
      404,
      "not_found",
    );
    expectError(
      await answer(
        client({ token: shopper.token }).cart["shipping-options"][":addressId"].$get({
          param: { addressId: "home" },
          query: {},
        }),
      ),
      400,
      "invalid_request",
    );
  });
});
