import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { answer, client, expectStatus } from "../../test/support/client.ts";
import {
  call,
  createProduct,
  createShoppers,
  createSizedProduct,
  expectError,
  seedAdmin,
  stockOf,
  tokenFor,
  withServices,
} from "../../test/support/shop.ts";

/**
 * Staff act on many products at once, by the rules of one: for sale or not, stock adjusted by a
 * number of units (never below 0, even when two adjust at once), each row's changes saved; every
 * product's outcome said, each change audited and kept in the stock history.
 */
const staffToken = async () => {
  const [user] = await createShoppers(1);
  await withServices(({ db }) => db.execute(sql`UPDATE users SET role = 'staff' WHERE id = ${user.id}`));
  return tokenFor(user, "staff");
};
const staffApi = async () => client({ token: await staffToken() }).admin.products;

async function auditOf(productId: string) {
  const audit = expectStatus(
    await answer(
      client({ token: await tokenFor(seedAdmin, "admin") }).admin.audit.$get({
        query: { entity: "product", limit: "100" },
      }),
    ),
    200,
  );
  return audit.items.filter((entry) => entry.entityId === productId);
}

async function historyOf(productId: string, variantId: string) {
  const products = await staffApi();
  const history = await answer(
    products[":id"].variants[":variantId"].inventory.$get({ param: { id: productId, variantId }, query: {} }),
  );
  return expectStatus(history, 200).items;
}

describe("bulk actions on products", () => {
  it("takes products off sale and back, each change audited, the shop's cached reads dropped; an unknown id is reported", async () => {
    const onSale = await createProduct({ stock: 4 });
    const offSale = await createProduct({ stock: 4, active: false });
    const missing = crypto.randomUUID();
    // The shop reads (and caches) the product for sale first.
    expect((await call(`/products/${onSale.slug}`)).status).toBe(200);
    const products = await staffApi();

    const result = expectStatus(
      await answer(products.bulk.$post({ json: { action: "deactivate", ids: [onSale.id, offSale.id, missing] } })),
      200,
    );
    expect(result.action).toBe("deactivate");
    expect(result.results.map((r) => [r.id, r.ok])).toEqual([
      [onSale.id, true],
      [offSale.id, true],
      [missing, false],
    ]);
    expect(result.results[0]).toMatchObject({ ok: true, product: { id: onSale.id, active: false } });
    expect(result.results[2]).toEqual({
      id: missing,
      ok: false,
      name: null,
      error: { code: "not_found", message: "No such product" },
    });
    expect((await call(`/products/${onSale.slug}`)).status).toBe(404);

    // Only what changed is audited, with the product before and after.
    const [entry] = await auditOf(onSale.id);
    expect(entry).toMatchObject({ action: "product.update", before: { active: true }, after: { active: false } });
    expect(await auditOf(offSale.id)).toEqual([]);

    const back = expectStatus(
      await answer(products.bulk.$post({ json: { action: "activate", ids: [onSale.id, onSale.id] } })),
      200,
    );
    expect(back.results).toHaveLength(1);
    expect(back.results[0]).toMatchObject({ ok: true, product: { active: true } });
    expect((await call(`/products/${onSale.slug}`)).status).toBe(200);
  });

  it("adjusts the stock of products with one variant, refusing one that would go below 0 and one with several variants", async () => {
    const plenty = await createProduct({ stock: 10 });
    const few = await createProduct({ stock: 2 });
    const shirt = await createSizedProduct({ S: 9, M: 9 });
    const products = await staffApi();

    const result = expectStatus(
      await answer(
        products.bulk.$post({
          json: { action: "adjust_stock", ids: [plenty.id, few.id, shirt.id], delta: -5, reason: "damaged in storage" },
        }),
      ),
      200,
    );
    const [taken, short, several] = result.results;
    expect(taken).toMatchObject({ ok: true, product: { stockQty: 5, variants: [{ stockQty: 5 }] } });
    expect(short).toMatchObject({ ok: false, error: { code: "insufficient_stock" } });
    expect(short.ok === false && short.error.message).toMatch(/has 2 in stock: it cannot lose 5$/);
    expect(several).toMatchObject({ ok: false, error: { code: "variant_required" } });
    expect(await stockOf(plenty.id)).toBe(5);
    expect(await stockOf(few.id)).toBe(2);
    expect(await stockOf(shirt.id)).toBe(18);

    // The change is in the variant's history, with its reason and who made it; the refused one has none.
    const [latest] = await historyOf(plenty.id, plenty.variantId);
    expect(latest).toMatchObject({ delta: -5, stockAfter: 5, reason: "damaged in storage", actor: expect.any(Object) });
    expect((await historyOf(few.id, few.variantId)).map((c) => c.reason)).toEqual(["first stock"]);
    expect(await auditOf(plenty.id)).toMatchObject([{ before: { stockQty: 10 }, after: { stockQty: 5 } }]);
    expect(await auditOf(few.id)).toEqual([]);

    const added = expectStatus(
      await answer(
        products.bulk.$post({ json: { action: "adjust_stock", ids: [few.id], delta: 3, reason: "delivery" } }),
      ),
      200,
    );
    expect(added.results[0]).toMatchObject({ ok: true, product: { stockQty: 5 } });
  });

  it("applies exactly one of two concurrent adjustments that would together take the stock below 0", async () => {
    const product = await createProduct({ stock: 8 });
    const [first, second] = [await staffApi(), await staffApi()];
    const body = { action: "adjust_stock" as const, ids: [product.id], delta: -5, reason: "sold at the fair" };
    const answers = await Promise.all([
      answer(first.bulk.$post({ json: body })),
      answer(second.bulk.$post({ json: body })),
    ]);
    const outcomes = answers.map((a) => expectStatus(a, 200).results[0]);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok)).toMatchObject([{ error: { code: "insufficient_stock" } }]);
    expect(await stockOf(product.id)).toBe(3);
    const history = await historyOf(product.id, product.variantId);
    expect(history.filter((c) => c.reason === "sold at the fair").map((c) => [c.delta, c.stockAfter])).toEqual([
      [-5, 3],
    ]);
  });

  it("saves each row's changes, refusing only the rows that break a rule", async () => {
    const lamp = await createProduct({ stock: 3, price: 2_000, discount: 500 });
    const shirt = await createSizedProduct({ S: 1, M: 2 });
    const cheap = await createProduct({ stock: 1, price: 1_000, discount: 800 });
    const products = await staffApi();

    const result = expectStatus(
      await answer(
        products.bulk.$post({
          json: {
            action: "update",
            products: [
              { id: lamp.id, price: 2_500, stock: { [lamp.variantId]: 7 }, stockReason: "counted", active: false },
              { id: shirt.id, stock: { [shirt.variants.M]: 5 }, stockReason: "delivery" },
              // A price below the product's discount breaks a rule of the database.
              { id: cheap.id, price: 500 },
            ],
          },
        }),
      ),
      200,
    );
    const [saved, sized, refused] = result.results;
    expect(saved).toMatchObject({ ok: true, product: { price: 2_500, stockQty: 7, active: false } });
    expect(sized).toMatchObject({ ok: true, product: { stockQty: 6 } });
    expect(refused).toMatchObject({ ok: false, error: { code: "invalid_request" } });
    expect(await stockOf(shirt.variants.M)).toBe(5);
    const [change] = await historyOf(lamp.id, lamp.variantId);
    expect(change).toMatchObject({ delta: 4, stockAfter: 7, reason: "counted" });
    expect(await auditOf(lamp.id)).toMatchObject([
      { action: "product.update", before: { price: 2_000 }, after: { price: 2_500 } },
    ]);
    expect(await auditOf(cheap.id)).toEqual([]);

    const wrong = expectStatus(
      await answer(
        products.bulk.$post({
          json: {
            action: "update",
            products: [
              { id: shirt.id, price: 100 },
              { id: lamp.id, stock: { [shirt.variants.S]: 4 } },
              { id: cheap.id, active: true },
            ],
          },
        }),
      ),
      200,
    );
    expect(wrong.results.map((r) => (r.ok ? "ok" : r.error.code))).toEqual([
      "variant_required",
      "invalid_request",
      "ok",
    ]);
    expect(await stockOf(shirt.variants.S)).toBe(1);
  });

  it("refuses bad input with 400 and a customer with 403", async () => {
    const token = await staffToken();
    const ids = (n: number) => Array.from({ length: n }, () => crypto.randomUUID());
    for (const body of [
      { action: "activate", ids: [] },
      { action: "deactivate", ids: ids(101) },
      { action: "explode", ids: ids(1) },
      { action: "activate", ids: ["not-a-uuid"] },
      { ids: ids(1) },
      { action: "adjust_stock", ids: ids(1), delta: 0, reason: "nothing" },
      { action: "adjust_stock", ids: ids(1), delta: -5 },
      { action: "adjust_stock", ids: ids(1), reason: "no delta" },
      { action: "adjust_stock", ids: ids(1), delta: 1.5, reason: "half" },
      { action: "update", products: [] },
      { action: "update", products: [{ id: ids(1)[0], stock: { x: -1 } }] },
    ]) {
      expectError(await call("/admin/products/bulk", { token, body }), 400, "invalid_request");
    }
    const many = await call("/admin/products/bulk", { token, body: { action: "activate", ids: ids(100) } });
    expect(many.status).toBe(200);
    const [customer] = await createShoppers(1);
    expectError(
      await call("/admin/products/bulk", { token: customer.token, body: { action: "activate", ids: ids(1) } }),
      403,
      "forbidden",
    );
  });
});
