import { type SQL, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { answer, client, expectStatus } from "../../test/support/client.ts";
import { createProduct, createShoppers, expectError, tokenFor, withServices } from "../../test/support/shop.ts";
import { applyDuePriceSchedules } from "../services/price-schedules.service.ts";

const staffMember = async () => {
  const [user] = await createShoppers(1);
  await withServices(({ db }) => db.execute(sql`UPDATE users SET role = 'staff' WHERE id = ${user.id}`));
  return { id: user.id, token: await tokenFor(user, "staff") };
};

const inAMinute = () => new Date(Date.now() + 60_000).toISOString();
const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

const schedules = (token: string) => client({ token }).admin.variants[":id"]["price-schedules"];

async function schedule(
  token: string,
  variantId: string,
  json: Parameters<ReturnType<typeof schedules>["$post"]>[0]["json"],
) {
  return expectStatus(await answer(schedules(token).$post({ param: { id: variantId }, json })), 201);
}

/** Makes a pending schedule due now, as the clock would once its start has come. */
const makeDue = (scheduleId: string) =>
  withServices(({ db }) =>
    db.execute(
      sql`UPDATE variant_price_schedules SET starts_at = now() - interval '1 second' WHERE id = ${scheduleId}`,
    ),
  );

const runJob = () => withServices((ctx) => applyDuePriceSchedules(ctx));

/** Replaces a variant's history with prices that started `daysAgo` days ago (price, daysAgo). */
const pricedBefore = (variantId: string, past: [price: number, daysAgo: number][]) =>
  withServices(({ db }) =>
    db.execute(sql`
      WITH gone AS (DELETE FROM variant_price_history WHERE variant_id = ${variantId})
      INSERT INTO variant_price_history (variant_id, price, changed_at)
      SELECT ${variantId}, p.price, now() - make_interval(days => p.days)
      FROM json_to_recordset(${JSON.stringify(past.map(([price, days]) => ({ price, days })))}::json) AS p(price int, days int)`),
  );

const countOf = (query: SQL) =>
  withServices(async ({ db }) => Number((await db.execute<{ n: number }>(query)).rows[0].n));

async function productPage(slug: string) {
  const [shopper] = await createShoppers(1);
  // Signed in: an anonymous read may come from the edge cache.
  return expectStatus(
    await answer(client({ token: shopper.token }).products[":idOrSlug"].$get({ param: { idOrSlug: slug } })),
    200,
  );
}

describe("scheduled price changes", () => {
  it("refuses a start in the past, a discount above the price, an unknown variant and a shopper", async () => {
    const { token } = await staffMember();
    const product = await createProduct({ stock: 3 });
    const post = (
      json: Parameters<ReturnType<typeof schedules>["$post"]>[0]["json"],
      as = token,
      id = product.variantId,
    ) => answer(schedules(as).$post({ param: { id }, json }));

    const past = expectError(
      await post({ price: 900, startsAt: new Date(Date.now() - 1000).toISOString() }),
      400,
      "invalid_request",
    );
    expect(past.error.details).toEqual([expect.objectContaining({ path: "startsAt" })]);
    const tooMuch = expectError(
      await post({ price: 900, discount: 901, startsAt: inAMinute() }),
      400,
      "invalid_request",
    );
    expect(tooMuch.error.details).toEqual([expect.objectContaining({ path: "discount" })]);
    expectError(await post({ price: 900, startsAt: inAMinute() }, token, crypto.randomUUID()), 404, "not_found");
    const [shopper] = await createShoppers(1);
    expectError(await post({ price: 900, startsAt: inAMinute() }, shopper.token), 403, "forbidden");
    expectError(
      await answer(schedules(shopper.token).$get({ param: { id: product.variantId }, query: {} })),
      403,
      "forbidden",
    );
  });

  it("applies a due change exactly once when two runs race, leaves a future one, and records the history", async () => {
    const { token } = await staffMember();
    const product = await createProduct({ stock: 3, price: 10_000 });
    const due = await schedule(token, product.variantId, { price: 8_000, oldPrice: 10_000, startsAt: inAMinute() });
    expect(due).toMatchObject({ price: 8_000, oldPrice: 10_000, discount: 0, appliedAt: null });
    const later = await schedule(token, product.variantId, { price: 7_000, startsAt: inAnHour() });
    await makeDue(due.id);

    const [first, second] = await Promise.all([runJob(), runJob()]);
    // Another test file's job may apply it first; whoever does, it is applied once.
    expect([...first, ...second].filter((id) => id === due.id).length).toBeLessThanOrEqual(1);
    expect([...first, ...second]).not.toContain(later.id);
    const applications = await countOf(
      sql`SELECT count(*) AS n FROM audit_log WHERE action = 'price_schedule.apply' AND after->>'scheduleId' = ${due.id}`,
    );
    expect(applications).toBe(1);
    expect(await runJob()).not.toContain(due.id);

    const shown = await productPage(product.slug);
    expect(shown.variants[0]).toMatchObject({ price: 8_000, oldPrice: 10_000, discount: 0 });
    const listed = expectStatus(
      await answer(schedules(token).$get({ param: { id: product.variantId }, query: {} })),
      200,
    );
    expect(listed.items.map((s) => [s.id, s.appliedAt === null])).toEqual([
      [later.id, true],
      [due.id, false],
    ]);
    const history = expectStatus(
      await answer(
        client({ token }).admin.variants[":id"]["price-history"].$get({ param: { id: product.variantId }, query: {} }),
      ),
      200,
    );
    expect(history.items.map((h) => h.price)).toEqual([8_000, 10_000]);
  });

  it("cancels a pending change, refuses to cancel an applied one (409), and audits both", async () => {
    const { token } = await staffMember();
    const product = await createProduct({ stock: 3, price: 5_000 });
    const remove = (id: string) => answer(client({ token }).admin["price-schedules"][":id"].$delete({ param: { id } }));

    const pending = await schedule(token, product.variantId, { price: 4_000, startsAt: inAnHour() });
    expect((await remove(pending.id)).status).toBe(204);
    expectError(await remove(pending.id), 404, "not_found");

    const applied = await schedule(token, product.variantId, { price: 4_500, discount: 500, startsAt: inAMinute() });
    await makeDue(applied.id);
    await runJob();
    expectError(await remove(applied.id), 409, "conflict");

    const audited = await withServices(async ({ db }) =>
      (
        await db.execute<{ action: string }>(sql`
          SELECT action FROM audit_log WHERE entity = 'product' AND entity_id = ${product.id} ORDER BY created_at, action`)
      ).rows.map((r) => r.action),
    );
    expect(audited).toEqual([
      "price_schedule.create",
      "price_schedule.delete",
      "price_schedule.create",
      "price_schedule.apply",
    ]);
  });
});

describe("the lowest price of the 30 days before a sale (lowestPrice30Days)", () => {
  it("is the lowest price in effect in the 30 days before the sale: 100 for 40 days, 80 for 10, then 60 was 100 → 80", async () => {
    const { token } = await staffMember();
    const product = await createProduct({ stock: 3, price: 10_000 });
    await pricedBefore(product.variantId, [
      [10_000, 50],
      [8_000, 10],
    ]);
    expect((await productPage(product.slug)).variants[0].lowestPrice30Days).toBeNull();

    const sale = await schedule(token, product.variantId, { price: 6_000, oldPrice: 10_000, startsAt: inAMinute() });
    await makeDue(sale.id);
    await runJob();
    const variant = (await productPage(product.slug)).variants[0];
    expect(variant).toMatchObject({ price: 6_000, oldPrice: 10_000, lowestPrice30Days: 8_000 });
  });

  it("counts the price in effect before a raise the day before the sale: 100, 120 a day, then 90 was 120 → 100", async () => {
    const product = await createProduct({ stock: 3, price: 10_000 });
    await pricedBefore(product.variantId, [
      [10_000, 40],
      [12_000, 1],
    ]);
    await withServices(({ db }) =>
      db.execute(sql`UPDATE product_variants SET price = 9000, old_price = 12000 WHERE id = ${product.variantId}`),
    );
    expect((await productPage(product.slug)).variants[0]).toMatchObject({ price: 9_000, lowestPrice30Days: 10_000 });
  });

  it("is null without a struck-through price, and names a discount's too", async () => {
    const product = await createProduct({ stock: 3, price: 10_000 });
    await pricedBefore(product.variantId, [[9_000, 20]]);
    const change = (set: SQL) =>
      withServices(({ db }) => db.execute(sql`UPDATE product_variants SET ${set} WHERE id = ${product.variantId}`));

    await change(sql`price = 9500, old_price = 9000`);
    expect((await productPage(product.slug)).variants[0].lowestPrice30Days).toBeNull();
    await change(sql`discount = 1000`);
    expect((await productPage(product.slug)).variants[0].lowestPrice30Days).toBe(9_000);
  });
});
