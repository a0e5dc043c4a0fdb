import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { answer, client, expectStatus } from "../../test/support/client.ts";
import { call, createProduct, createShoppers, expectError, tokenFor, withServices } from "../../test/support/shop.ts";
import { pgError } from "../lib/pg-errors.ts";

/**
 * Tax classes, their rates and the shop's tax setting through the admin API. Classes are this
 * test's own (named with the run) and deleted after; where a test must move the shop's default or
 * shipping class, the class it moves them to taxes exactly as the one it replaces, and both go back.
 */
const run = crypto.randomUUID().slice(0, 8);
const named = (name: string) => `${name} ${run}`;

const sqlOf = <T extends Record<string, unknown>>(query: ReturnType<typeof sql>) =>
  withServices(async ({ db }) => (await db.execute<T>(query)).rows);
const classId = async (name: string) =>
  (await sqlOf<{ id: string }>(sql`SELECT id FROM tax_classes WHERE name = ${name}`))[0].id;

afterAll(async () => {
  const standard = await classId("Standard");
  await withServices(async ({ db }) => {
    // Variants other suites made while a class of this test was the default go back to Standard.
    await db.execute(sql`UPDATE product_variants SET tax_class_id = ${standard}
      WHERE tax_class_id IN (SELECT id FROM tax_classes WHERE name LIKE ${`% ${run}`})`);
    await db.execute(sql`DELETE FROM tax_classes WHERE name LIKE ${`% ${run}`}`);
  });
});

const staffToken = async () => {
  const [user] = await createShoppers(1);
  await sqlOf(sql`UPDATE users SET role = 'staff' WHERE id = ${user.id}`);
  return tokenFor(user, "staff");
};
const adminApi = async () => client({ token: await staffToken() }).admin;
type AdminApi = Awaited<ReturnType<typeof adminApi>>;

const auditOf = (entityId: string) =>
  sqlOf<{ action: string; before: unknown; after: unknown }>(
    sql`SELECT action, before, after FROM audit_log WHERE entity_id = ${entityId} ORDER BY created_at, id`,
  );

/** Gives a class of the test's the rates of another, so the shop taxes the same whichever it uses. */
const copyRates = (from: string, to: string) =>
  sqlOf(sql`INSERT INTO tax_rates (tax_class_id, country, subdivision, rate_bps)
    SELECT ${to}, country, subdivision, rate_bps FROM tax_rates WHERE tax_class_id = ${from}`);

const newClass = async (admin: AdminApi, name: string) =>
  expectStatus(await answer(admin.taxes.classes.$post({ json: { name: named(name) } })), 201);

describe("tax classes and rates", () => {
  it("creates a class, gives it rates by region, renames it and lists it with them, each change audited", async () => {
    const admin = await adminApi();
    const created = await newClass(admin, "Books");
    expect(created).toMatchObject({ isDefault: false, rates: [], variantCount: 0, taxesShipping: false });
    const rates = admin.taxes.classes[":id"].rates;
    const param = { id: created.id };
    const country = expectStatus(await answer(rates.$post({ param, json: { country: "li", rateBps: 250 } })), 201);
    expect(country).toMatchObject({ country: "LI", subdivision: "", rateBps: 250 });
    const region = expectStatus(
      await answer(rates.$post({ param, json: { country: "LI", subdivision: "01", rateBps: 300 } })),
      201,
    );
    const world = expectStatus(await answer(rates.$post({ param, json: { country: "*", rateBps: 500 } })), 201);
    const changed = expectStatus(
      await answer(rates[":rateId"].$patch({ param: { ...param, rateId: country.id }, json: { rateBps: 260 } })),
      200,
    );
    expect(changed.rateBps).toBe(260);
    const renamed = expectStatus(
      await answer(admin.taxes.classes[":id"].$patch({ param, json: { name: named("Printed books") } })),
      200,
    );
    expect(renamed.rates).toEqual([{ ...country, rateBps: 260 }, region, world]);
    const listed = expectStatus(await answer(admin.taxes.classes.$get()), 200);
    expect(listed.items.find((c) => c.id === created.id)).toEqual(renamed);
    expect(listed.items.filter((c) => c.isDefault).map((c) => c.name)).toHaveLength(1);

    expect((await answer(rates[":rateId"].$delete({ param: { ...param, rateId: region.id } }))).status).toBe(204);
    expect((await auditOf(created.id)).map((row) => row.action)).toEqual(["tax_class.create", "tax_class.update"]);
    const rateAudit = await auditOf(country.id);
    expect(rateAudit.map((row) => row.action)).toEqual(["tax_rate.create", "tax_rate.update"]);
    expect(rateAudit[1]).toMatchObject({ before: { rateBps: 250 }, after: { rateBps: 260, taxClass: named("Books") } });
    expect((await auditOf(region.id)).map((row) => row.action)).toEqual(["tax_rate.create", "tax_rate.delete"]);
  });

  it("refuses a bad region or rate with 400 and a second rate for one region with 409, naming the field", async () => {
    const admin = await adminApi();
    const { id } = await newClass(admin, "Food");
    const rates = admin.taxes.classes[":id"].rates;
    const refused = async (json: { country: string; subdivision?: string; rateBps: number }, path: string) => {
      const error = expectError(await answer(rates.$post({ param: { id }, json })), 400, "invalid_request");
      expect(error.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
    };
    await refused({ country: "XX", rateBps: 100 }, "country");
    await refused({ country: "LIE", rateBps: 100 }, "country");
    await refused({ country: "LI", rateBps: 10_001 }, "rateBps");
    await refused({ country: "LI", rateBps: -1 }, "rateBps");
    await refused({ country: "*", subdivision: "01", rateBps: 100 }, "subdivision");
    expectStatus(await answer(rates.$post({ param: { id }, json: { country: "SM", rateBps: 100 } })), 201);
    const twice = expectError(
      await answer(rates.$post({ param: { id }, json: { country: "SM", rateBps: 200 } })),
      409,
      "conflict",
    );
    expect(twice.error.details).toEqual([expect.objectContaining({ path: "country" })]);
    const taken = expectError(
      await answer(admin.taxes.classes.$post({ json: { name: named("Food") } })),
      409,
      "conflict",
    );
    expect(taken.error.details).toEqual([expect.objectContaining({ path: "name" })]);
    const nowhere = "00000000-0000-4000-8000-000000000001";
    expectError(
      await answer(rates.$post({ param: { id: nowhere }, json: { country: "SM", rateBps: 1 } })),
      404,
      "not_found",
    );
  });

  it("refuses to delete a class that variants are taxed by (409), and deletes an unused one with its rates", async () => {
    const admin = await adminApi();
    const used = await newClass(admin, "Used");
    const product = await createProduct({ stock: 1 });
    await sqlOf(sql`UPDATE product_variants SET tax_class_id = ${used.id} WHERE id = ${product.variantId}`);
    const param = { id: used.id };
    const refused = expectError(await answer(admin.taxes.classes[":id"].$delete({ param })), 409, "conflict");
    expect(refused.error.message).toBe(
      `${named("Used")} cannot be deleted. 1 variant is taxed by it: give them another class first.`,
    );
    const listed = expectStatus(await answer(admin.taxes.classes.$get()), 200);
    expect(listed.items.find((c) => c.id === used.id)?.variantCount).toBe(1);

    const unused = await newClass(admin, "Unused");
    const rates = admin.taxes.classes[":id"].rates;
    expectStatus(await answer(rates.$post({ param: { id: unused.id }, json: { country: "LI", rateBps: 1 } })), 201);
    expect((await answer(admin.taxes.classes[":id"].$delete({ param: { id: unused.id } }))).status).toBe(204);
    expect(await sqlOf(sql`SELECT 1 FROM tax_rates WHERE tax_class_id = ${unused.id}`)).toEqual([]);
    expect((await auditOf(unused.id)).map((row) => row.action)).toEqual(["tax_class.create", "tax_class.delete"]);
    await sqlOf(sql`DELETE FROM products WHERE id = ${product.id}`);
  });

  it("keeps exactly one default class: the database refuses a second, unsetting it is 409, making another the default moves it", async () => {
    const admin = await adminApi();
    const standard = await classId("Standard");
    const classes = admin.taxes.classes[":id"];
    // The database's rule, whatever a writer does.
    const second = await sqlOf(
      sql`INSERT INTO tax_classes (name, is_default) VALUES (${named("Second default")}, true)`,
    ).then(
      () => null,
      (error: unknown) => pgError(error),
    );
    expect(second).toMatchObject({ code: "23505", constraint: "tax_classes_one_default" });
    const unset = expectError(
      await answer(classes.$patch({ param: { id: standard }, json: { isDefault: false } })),
      409,
      "conflict",
    );
    expect(unset.error.details).toEqual([expect.objectContaining({ path: "isDefault" })]);
    expectError(await answer(classes.$delete({ param: { id: standard } })), 409, "conflict");

    // Two classes that tax as Standard does (its rates copied), made the default at once: one of them is.
    const twins = await Promise.all(["Twin A", "Twin B"].map((name) => newClass(admin, name)));
    for (const twin of twins) await copyRates(standard, twin.id);
    try {
      const moved = await Promise.all(
        twins.map((twin) => answer(classes.$patch({ param: { id: twin.id }, json: { isDefault: true } }))),
      );
      expect(moved.map((r) => r.status)).toEqual([200, 200]);
      const defaults = await sqlOf<{ id: string }>(sql`SELECT id FROM tax_classes WHERE is_default`);
      expect(defaults).toHaveLength(1);
      expect(twins.map((t) => t.id)).toContain(defaults[0].id);
    } finally {
      expectStatus(await answer(classes.$patch({ param: { id: standard }, json: { isDefault: true } })), 200);
    }
    const defaults = await sqlOf<{ name: string }>(sql`SELECT name FROM tax_classes WHERE is_default`);
    expect(defaults).toEqual([{ name: "Standard" }]);
    expect((await auditOf(standard)).at(-1)).toMatchObject({
      action: "tax_class.update",
      before: { isDefault: false },
      after: { isDefault: true },
    });
  });

  it("is staff's: a customer is refused 403", async () => {
    const [customer] = await createShoppers(1);
    const admin = client({ token: customer.token }).admin;
    expectError(await answer(admin.taxes.classes.$get()), 403, "forbidden");
    expectError(await answer(admin.taxes.classes.$post({ json: { name: named("Mine") } })), 403, "forbidden");
    expectError(await answer(admin.taxes.settings.$patch({ json: { pricesIncludeTax: true } })), 403, "forbidden");
  });
});

describe("the shop's tax setting", () => {
  it("reads and changes the class shipping is taxed by, which that class then cannot be deleted while it is", async () => {
    const admin = await adminApi();
    const zero = await classId("Zero");
    const settings = admin.taxes.settings;
    expect(expectStatus(await answer(settings.$get()), 200)).toEqual({
      pricesIncludeTax: false,
      shippingTaxClassId: zero,
    });
    // A class that taxes as Zero does (its rates copied), so checkouts meanwhile charge the same.
    const freight = await newClass(admin, "Freight");
    await copyRates(zero, freight.id);
    try {
      const changed = expectStatus(await answer(settings.$patch({ json: { shippingTaxClassId: freight.id } })), 200);
      expect(changed).toEqual({ pricesIncludeTax: false, shippingTaxClassId: freight.id });
      const refused = expectError(
        await answer(admin.taxes.classes[":id"].$delete({ param: { id: freight.id } })),
        409,
        "conflict",
      );
      expect(refused.error.message).toContain("Shipping is taxed by it");
    } finally {
      expectStatus(await answer(settings.$patch({ json: { shippingTaxClassId: zero } })), 200);
    }
    const audit = await sqlOf<{ before: unknown; after: unknown }>(sql`
      SELECT before, after FROM audit_log WHERE action = 'tax_settings.update' AND after->>'shippingTaxClassId' = ${zero}
        AND before->>'shippingTaxClassId' = ${freight.id}`);
    expect(audit).toHaveLength(1);
    expect((await answer(admin.taxes.classes[":id"].$delete({ param: { id: freight.id } }))).status).toBe(204);
  });

  it("refuses a class that does not exist (409 naming it) and a body that changes nothing (400)", async () => {
    const token = await staffToken();
    const settings = client({ token }).admin.taxes.settings;
    const missing = expectError(
      await answer(settings.$patch({ json: { shippingTaxClassId: "00000000-0000-4000-8000-000000000001" } })),
      409,
      "conflict",
    );
    expect(missing.error.details).toEqual([expect.objectContaining({ path: "shippingTaxClassId" })]);
    expectError(await answer(settings.$patch({ json: {} })), 400, "invalid_request");
    expectError(
      await call("/admin/taxes/settings", { method: "PATCH", body: { pricesIncludeTax: "yes" }, token }),
      400,
      "invalid_request",
    );
  });
});

describe("a variant's weight and tax class", () => {
  it("are taken by the admin product and variant APIs, the shop's default class when none is given", async () => {
    const admin = await adminApi();
    const books = await newClass(admin, "Paper");
    const standard = await classId("Standard");
    const created = expectStatus(
      await answer(
        admin.products.$post({
          json: {
            name: named("Atlas"),
            price: 3_000,
            stockQty: 2,
            weightGrams: 1_200,
            options: [{ name: "Cover", values: ["Soft", "Hard"] }],
            variants: [
              { options: { Cover: "Soft" }, stockQty: 1, taxClassId: books.id },
              { options: { Cover: "Hard" }, stockQty: 1, weightGrams: 1_800 },
            ],
          },
        }),
      ),
      201,
    );
    try {
      expect(created.variants.map(({ weightGrams, taxClassId }) => ({ weightGrams, taxClassId }))).toEqual([
        { weightGrams: 1_200, taxClassId: books.id },
        { weightGrams: 1_800, taxClassId: standard },
      ]);
      expect(created).toMatchObject({ weightGrams: 1_200, taxClassId: books.id });
      const variants = admin.products[":id"].variants[":variantId"];
      const param = { id: created.id, variantId: created.variants[1].id };
      const changed = expectStatus(
        await answer(variants.$patch({ param, json: { weightGrams: 2_000, taxClassId: books.id } })),
        200,
      );
      expect(changed).toMatchObject({ weightGrams: 2_000, taxClassId: books.id });
      const unknown = expectError(
        await answer(variants.$patch({ param, json: { taxClassId: "00000000-0000-4000-8000-000000000001" } })),
        409,
        "conflict",
      );
      expect(unknown.error.details).toEqual([expect.objectContaining({ path: "taxClassId" })]);
      const token = await staffToken();
      const negative = await call(`/admin/products/${created.id}/variants/${param.variantId}`, {
        method: "PATCH",
        body: { weightGrams: -1 },
        token,
      });
      expectError(negative, 400, "invalid_request");
      const listed = expectStatus(await answer(admin.taxes.classes.$get()), 200);
      expect(listed.items.find((c) => c.id === books.id)?.variantCount).toBe(2);
    } finally {
      await sqlOf(sql`DELETE FROM products WHERE id = ${created.id}`);
    }
  });

  it("are changed for a product of one variant through the product", async () => {
    const admin = await adminApi();
    const freight = await newClass(admin, "Heavy goods");
    const created = expectStatus(
      await answer(admin.products.$post({ json: { name: named("Anvil"), price: 9_000, stockQty: 1 } })),
      201,
    );
    try {
      expect(created).toMatchObject({ weightGrams: 0, taxClassId: await classId("Standard") });
      const changed = expectStatus(
        await answer(
          admin.products[":id"].$patch({
            param: { id: created.id },
            json: { weightGrams: 40_000, taxClassId: freight.id },
          }),
        ),
        200,
      );
      expect(changed.variants[0]).toMatchObject({ weightGrams: 40_000, taxClassId: freight.id });
    } finally {
      await sqlOf(sql`DELETE FROM products WHERE id = ${created.id}`);
    }
  });
});
