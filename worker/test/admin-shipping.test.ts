import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { answer, client, expectStatus } from "../../test/support/client.ts";
import { call, createShoppers, expectError, tokenFor, withServices } from "../../test/support/shop.ts";

/**
 * The merchant's zones, methods and bands through the admin API, in countries of this test's own
 * (Liechtenstein, San Marino, Andorra), each zone named with the run and deleted after.
 */
const run = crypto.randomUUID().slice(0, 8);
const named = (name: string) => `${name} ${run}`;

afterAll(async () => {
  await withServices(({ db }) => db.execute(sql`DELETE FROM shipping_zones WHERE name LIKE ${`% ${run}`}`));
});

const staffToken = async () => {
  const [user] = await createShoppers(1);
  await withServices(({ db }) => db.execute(sql`UPDATE users SET role = 'staff' WHERE id = ${user.id}`));
  return tokenFor(user, "staff");
};
const shippingApi = async () => client({ token: await staffToken() }).admin.shipping;
type ShippingApi = Awaited<ReturnType<typeof shippingApi>>;

const auditOf = (entityId: string) =>
  withServices(async ({ db }) => {
    const result = await db.execute<{ action: string; before: unknown; after: unknown }>(
      sql`SELECT action, before, after FROM audit_log WHERE entity_id = ${entityId} ORDER BY created_at, id`,
    );
    return result.rows;
  });

async function zoneWithWeightMethod(api: ShippingApi, country = "LI") {
  const zone = expectStatus(
    await answer(
      api.zones.$post({
        json: { name: named(`Zone ${country} ${crypto.randomUUID().slice(0, 4)}`), countries: [country] },
      }),
    ),
    201,
  );
  const method = expectStatus(
    await answer(
      api.zones[":id"].methods.$post({
        param: { id: zone.id },
        json: {
          name: "Post",
          kind: "weight",
          minDays: 2,
          maxDays: 4,
          bands: [
            { min: 0, max: 1000, price: 500 },
            { min: 1000, max: 5000, price: 900 },
          ],
        },
      }),
    ),
    201,
  );
  return { zone, method };
}

describe("shipping zones", () => {
  it("creates, lists, changes and deletes a zone, each change audited", async () => {
    const api = await shippingApi();
    const created = expectStatus(
      await answer(
        api.zones.$post({
          json: { name: named("Alps"), countries: ["li", "SM"], postalPatterns: ["94*", "9490-9499"], position: 5 },
        }),
      ),
      201,
    );
    expect(created).toMatchObject({
      name: named("Alps"),
      countries: ["LI", "SM"],
      subdivisions: [],
      postalPatterns: ["94*", "9490-9499"],
      position: 5,
      methods: [],
    });
    const listed = expectStatus(await answer(api.zones.$get()), 200);
    expect(listed.items.find((zone) => zone.id === created.id)).toEqual(created);
    expect(listed.items.find((zone) => zone.name === "Everywhere")?.countries).toEqual(["*"]);

    const param = { id: created.id };
    const changed = expectStatus(
      await answer(api.zones[":id"].$patch({ param, json: { countries: ["AD"], subdivisions: ["07"] } })),
      200,
    );
    expect(changed).toMatchObject({ countries: ["AD"], subdivisions: ["07"], postalPatterns: ["94*", "9490-9499"] });

    expect((await answer(api.zones[":id"].$delete({ param }))).status).toBe(204);
    expectError(await answer(api.zones[":id"].$delete({ param })), 404, "not_found");
    const audit = await auditOf(created.id);
    expect(audit.map((row) => row.action)).toEqual([
      "shipping_zone.create",
      "shipping_zone.update",
      "shipping_zone.delete",
    ]);
    expect(audit[1]).toMatchObject({ before: { countries: ["LI", "SM"] }, after: { countries: ["AD"] } });
  });

  it("refuses a country outside ISO 3166-1, a bad postal pattern and a taken name, naming the field", async () => {
    const api = await shippingApi();
    const bad = expectError(
      await answer(api.zones.$post({ json: { name: named("Nowhere"), countries: ["LI", "XX"] } })),
      400,
      "invalid_request",
    );
    expect(bad.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: "countries.1" })]));
    expectError(
      await answer(api.zones.$post({ json: { name: named("Nowhere"), countries: [] } })),
      400,
      "invalid_request",
    );
    const range = expectError(
      await answer(api.zones.$post({ json: { name: named("Nowhere"), countries: ["LI"], postalPatterns: ["9-100"] } })),
      400,
      "invalid_request",
    );
    expect(range.error.details).toEqual([expect.objectContaining({ path: "postalPatterns.0" })]);
    expectError(
      await answer(api.zones.$post({ json: { name: named("Twice"), countries: ["LI", "LI"] } })),
      400,
      "invalid_request",
    );
    expectStatus(await answer(api.zones.$post({ json: { name: named("Taken"), countries: ["SM"] } })), 201);
    const taken = expectError(
      await answer(api.zones.$post({ json: { name: named("Taken"), countries: ["SM"] } })),
      409,
      "conflict",
    );
    expect(taken.error.details).toEqual([expect.objectContaining({ path: "name" })]);
  });

  it("is staff's: a customer is refused 403 and an anonymous caller 401", async () => {
    const [customer] = await createShoppers(1);
    const shop = client({ token: customer.token }).admin.shipping;
    expectError(await answer(shop.zones.$get()), 403, "forbidden");
    expectError(await answer(shop.zones.$post({ json: { name: named("Mine"), countries: ["LI"] } })), 403, "forbidden");
    const preview = shop.preview.$get({ query: { country: "LI", postalCode: "9490" } });
    expectError(await answer(preview), 403, "forbidden");
    expectError(await answer(client().admin.shipping.zones.$get()), 401, "unauthenticated");
  });
});

describe("shipping methods and bands", () => {
  it("adds a method with its bands, changes it, replaces its bands and deletes it, each audited", async () => {
    const api = await shippingApi();
    const { zone, method } = await zoneWithWeightMethod(api);
    expect(method).toMatchObject({ name: "Post", kind: "weight", price: 0, active: true, minDays: 2, maxDays: 4 });
    expect(method.bands).toEqual([
      { min: 0, max: 1000, price: 500 },
      { min: 1000, max: 5000, price: 900 },
    ]);
    const param = { id: zone.id, methodId: method.id };
    const methods = api.zones[":id"].methods[":methodId"];
    const changed = expectStatus(
      await answer(methods.$patch({ param, json: { name: "Parcel post", freeAbove: 20_000, active: false } })),
      200,
    );
    expect(changed).toMatchObject({ name: "Parcel post", freeAbove: 20_000, active: false, bands: method.bands });

    const bands = [
      { min: 2000, max: null, price: 1500 },
      { min: 0, max: 2000, price: 700 },
    ];
    const replaced = expectStatus(await answer(methods.bands.$put({ param, json: { bands } })), 200);
    expect(replaced.bands).toEqual([bands[1], bands[0]]);
    const listed = expectStatus(await answer(api.zones.$get()), 200);
    expect(listed.items.find((z) => z.id === zone.id)?.methods).toEqual([replaced]);

    expect((await answer(methods.$delete({ param }))).status).toBe(204);
    expectError(await answer(methods.$delete({ param })), 404, "not_found");
    const audit = await auditOf(method.id);
    expect(audit.map((row) => row.action)).toEqual([
      "shipping_method.create",
      "shipping_method.update",
      "shipping_method.bands",
      "shipping_method.delete",
    ]);
    expect(audit[2]).toMatchObject({ before: { bands: method.bands }, after: { bands: [bands[1], bands[0]] } });
  });

  it("refuses bands that overlap with 409 naming the band, before anything is written", async () => {
    const api = await shippingApi();
    const { zone, method } = await zoneWithWeightMethod(api);
    const param = { id: zone.id, methodId: method.id };
    const bands = [
      { min: 0, max: 1000, price: 500 },
      { min: 2000, max: null, price: 1200 },
      { min: 800, max: 1500, price: 600 },
    ];
    const refused = expectError(
      await answer(api.zones[":id"].methods[":methodId"].bands.$put({ param, json: { bands } })),
      409,
      "conflict",
    );
    expect(refused.error.message).toBe("The band from 800 to 1500 overlaps the band from 0 to 1000.");
    expect(refused.error.details).toEqual([
      { path: "bands.2", message: "overlaps bands.0", band: bands[2], overlaps: bands[0] },
    ]);
    const onCreate = expectError(
      await answer(
        api.zones[":id"].methods.$post({
          param: { id: zone.id },
          json: { name: "Open", kind: "subtotal", bands: [bands[1], { min: 5000, max: null, price: 0 }] },
        }),
      ),
      409,
      "conflict",
    );
    expect(onCreate.error.details).toEqual([expect.objectContaining({ path: "bands.1" })]);
    const listed = expectStatus(await answer(api.zones.$get()), 200);
    expect(listed.items.find((z) => z.id === zone.id)?.methods.map((m) => m.bands)).toEqual([method.bands]);
    expect(await auditOf(method.id)).toHaveLength(1);
  });

  it("refuses bad bands and days with 400, and a method of another zone with 404", async () => {
    const api = await shippingApi();
    const { zone, method } = await zoneWithWeightMethod(api);
    const other = await zoneWithWeightMethod(api, "SM");
    const methods = api.zones[":id"].methods;
    const upsideDown = await answer(
      methods[":methodId"].bands.$put({
        param: { id: zone.id, methodId: method.id },
        json: { bands: [{ min: 500, max: 500, price: 100 }] },
      }),
    );
    expect(expectError(upsideDown, 400, "invalid_request").error.details).toEqual([
      expect.objectContaining({ path: "bands.0.max" }),
    ]);
    const days = await answer(
      methods.$post({ param: { id: zone.id }, json: { name: "Slow", kind: "flat", minDays: 5, maxDays: 2 } }),
    );
    expect(expectError(days, 400, "invalid_request").error.details).toEqual([
      expect.objectContaining({ path: "maxDays" }),
    ]);
    // Below the stored minDays: the database's rule, named as the same field.
    const stored = await answer(
      methods[":methodId"].$patch({ param: { id: zone.id, methodId: method.id }, json: { maxDays: 1 } }),
    );
    expect(expectError(stored, 400, "invalid_request").error.details).toEqual([
      expect.objectContaining({ path: "maxDays" }),
    ]);
    const kind = await call(`/admin/shipping/zones/${zone.id}/methods`, {
      method: "POST",
      body: { name: "Drone", kind: "drone" },
      token: await staffToken(),
    });
    expectError(kind, 400, "invalid_request");
    const elsewhere = await answer(
      methods[":methodId"].$patch({ param: { id: zone.id, methodId: other.method.id }, json: { name: "Mine" } }),
    );
    expectError(elsewhere, 404, "not_found");
    const taken = await answer(methods.$post({ param: { id: zone.id }, json: { name: "Post", kind: "pickup" } }));
    expect(expectError(taken, 409, "conflict").error.details).toEqual([expect.objectContaining({ path: "name" })]);
  });

  it("refuses, naming the band, bands another writer saved while the check could not see them (the database's rule)", async () => {
    const api = await shippingApi();
    const { zone, method } = await zoneWithWeightMethod(api);
    const put = (bands: { min: number; max: number | null; price: number }[]) =>
      answer(
        api.zones[":id"].methods[":methodId"].bands.$put({
          param: { id: zone.id, methodId: method.id },
          json: { bands },
        }),
      );
    const { pending } = await withServices(({ transaction, db }) =>
      transaction(async (tx) => {
        // Another writer's band, not yet committed: the request's check cannot see it; its insert waits on it.
        await tx.execute(sql`INSERT INTO shipping_rates (method_id, min_value, max_value, price)
          VALUES (${method.id}, 10000, 20000, 3000)`);
        const pending = put([
          { min: 0, max: 12000, price: 800 },
          { min: 12000, max: null, price: 2500 },
        ]);
        await waitForLockWaiter(db);
        // Not awaited here: the request answers once this transaction commits.
        return { pending };
      }),
    );
    const refused = await pending;
    const error = expectError(refused, 409, "conflict");
    expect(error.error.message).toBe(
      "The band from 0 to 12000 overlaps the band from 10000 to 20000, saved meanwhile.",
    );
    expect(error.error.details).toEqual([
      expect.objectContaining({ path: "bands.0", overlaps: { min: 10000, max: 20000 } }),
    ]);
    const listed = expectStatus(await answer(api.zones.$get()), 200);
    // The request's replacement rolled back whole: the bands as they were, and the other writer's.
    expect(listed.items.find((z) => z.id === zone.id)?.methods[0].bands).toEqual([
      ...method.bands,
      { min: 10000, max: 20000, price: 3000 },
    ]);
  });

  it("takes two replacements of one method's bands at once one after the other: the later list whole, never a mix", async () => {
    const api = await shippingApi();
    const { zone, method } = await zoneWithWeightMethod(api);
    const lists = [
      [{ min: 0, max: 3000, price: 400 }],
      [
        { min: 3000, max: 6000, price: 800 },
        { min: 6000, max: null, price: 1600 },
      ],
    ];
    const param = { id: zone.id, methodId: method.id };
    const results = await Promise.all(
      lists.map((bands) => answer(api.zones[":id"].methods[":methodId"].bands.$put({ param, json: { bands } }))),
    );
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    const listed = expectStatus(await answer(api.zones.$get()), 200);
    const final = listed.items.find((z) => z.id === zone.id)?.methods[0].bands;
    expect(lists).toContainEqual(final);
  });
});

/** Waits until a statement of another session waits for a lock (the request's insert behind the open transaction). */
async function waitForLockWaiter(db: { execute: (query: ReturnType<typeof sql>) => Promise<{ rows: unknown[] }> }) {
  for (let attempt = 0; attempt < 100; attempt++) {
    const waiting = await db.execute(
      sql`SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE '%shipping_rates%'`,
    );
    if (waiting.rows.length > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("the request never waited for the other writer's band");
}

describe("GET /admin/shipping/preview", () => {
  it("prices each of the zone's methods for a weight and subtotal, or says why one does not apply", async () => {
    const api = await shippingApi();
    const { zone, method } = await zoneWithWeightMethod(api, "AD");
    const narrow = expectStatus(
      await answer(
        api.zones.$post({ json: { name: named("Andorra la Vella"), countries: ["AD"], postalPatterns: ["AD5*"] } }),
      ),
      201,
    );
    const methods = api.zones[":id"].methods;
    const add = (json: Parameters<typeof methods.$post>[0]["json"]) =>
      answer(methods.$post({ param: { id: zone.id }, json })).then((r) => expectStatus(r, 201));
    await add({ name: "Courier", kind: "flat", price: 1500, freeAbove: 5000, position: 1 });
    await add({ name: "Heavy", kind: "weight", bands: [{ min: 5000, max: null, price: 4000 }], position: 2 });
    await add({ name: "Counter", kind: "pickup", active: false, position: 3 });

    const preview = expectStatus(
      await answer(
        api.preview.$get({ query: { country: "ad", postalCode: "AD100", weightGrams: "1200", subtotal: "8000" } }),
      ),
      200,
    );
    expect(preview.zone).toEqual({ id: zone.id, name: zone.name });
    expect(preview.methods.map(({ name, price, reason }) => ({ name, price, reason }))).toEqual([
      { name: "Post", price: 900, reason: null },
      { name: "Courier", price: 0, reason: null },
      { name: "Heavy", price: null, reason: "no_band" },
      { name: "Counter", price: null, reason: "inactive" },
    ]);
    expect(preview.methods[0]).toMatchObject({ id: method.id, kind: "weight", minDays: 2, maxDays: 4 });
    expect(preview.tax).toEqual({ pricesIncludeTax: false, goodsRateBps: 900, shippingRateBps: 0 });

    const cheap = expectStatus(
      await answer(
        api.preview.$get({ query: { country: "AD", postalCode: "AD100", weightGrams: "300", subtotal: "2000" } }),
      ),
      200,
    );
    expect(cheap.methods.slice(0, 2).map((m) => m.price)).toEqual([500, 1500]);
    const town = expectStatus(await answer(api.preview.$get({ query: { country: "AD", postalCode: "AD500" } })), 200);
    expect(town.zone).toEqual({ id: narrow.id, name: narrow.name });
    expect(town.methods).toEqual([]);
    const elsewhere = expectStatus(
      await answer(api.preview.$get({ query: { country: "MT", postalCode: "VLT 1117" } })),
      200,
    );
    expect(elsewhere.zone?.name).toBe("Everywhere");
    expect(elsewhere.methods).toEqual([expect.objectContaining({ name: "Standard", price: null, reason: "per_item" })]);
  });

  it("refuses a country outside ISO 3166-1 and a weight that is not a whole number", async () => {
    const api = await shippingApi();
    expectError(await answer(api.preview.$get({ query: { country: "XX", postalCode: "1" } })), 400, "invalid_request");
    expectError(
      await answer(api.preview.$get({ query: { country: "LI", postalCode: "9490", weightGrams: "1.5" } })),
      400,
      "invalid_request",
    );
  });
});
