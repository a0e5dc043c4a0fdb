import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, inject, it } from "vitest";
import { keptTables, legacy } from "../../test/fixtures/legacy-shop.ts";
import { answer, client, expectStatus } from "../../test/support/client.ts";
import { address, tokenFor } from "../../test/support/shop.ts";
import worker from "../index.ts";
import { runScheduledJobs } from "../jobs.ts";

/**
 * A shop made on the schema before variants (test/support/legacy-shop.ts), migrated in the test
 * setup, read back through the API running on it.
 */
const migrated = inject("legacyDatabase");
const legacyEnv = { ...env, DATABASE_URL: migrated.url } as Parameters<typeof worker.fetch>[1];

/**
 * The API as `client()` (test/support/client.ts) types it, served by the worker running on the
 * migrated database: `client()` calls the worker on the test database, so this one brings its own
 * fetch. Each client calls from an address of its own.
 */
function legacyClient(token?: string) {
  return client({
    token,
    ip: `2001:db8:99:${Math.floor(Math.random() * 65_535).toString(16)}::1`,
    fetch: async (input, init) => {
      const ctx = createExecutionContext();
      // The client sends a method, headers and a body: the request the worker receives carries them.
      const response = await worker.fetch(
        new Request(input, { method: init?.method, headers: init?.headers, body: init?.body }),
        legacyEnv,
        ctx,
      );
      await waitOnExecutionContext(ctx);
      return response;
    },
  });
}

const product = (idOrSlug: string, token?: string) =>
  answer(legacyClient(token).products[":idOrSlug"].$get({ param: { idOrSlug } }));
const order = (id: string, token: string) => answer(legacyClient(token).orders[":id"].$get({ param: { id } }));

describe("the migration to variants, on a shop made before them", () => {
  it("keeps every row of every table, and gives each product one default variant with its stock history", () => {
    console.log(
      `migration rows before → after: ${keptTables.map((t) => `${t} ${migrated.before[t]}→${migrated.after[t]}`).join(", ")}; product_variants ${migrated.after.product_variants}, inventory_changes ${migrated.after.inventory_changes}`,
    );
    for (const table of keptTables) expect(migrated.after[table], table).toBe(migrated.before[table]);
    expect(migrated.after.product_variants).toBe(migrated.before.products);
    expect(migrated.after.inventory_changes).toBe(migrated.before.products);
  });

  it("shows each product with its money and stock on its default variant", async () => {
    const lamp = await product(legacy.lamp.slug);
    expect(lamp.status).toBe(200);
    expect(lamp.body).toMatchObject({
      price: 2_500,
      oldPrice: 2_500,
      discount: 500,
      shippingAmount: 300,
      actualPrice: 2_300,
      stockQty: legacy.lamp.stock,
      options: [],
      priceRange: { min: 2_300, max: 2_300 },
      rating: { average: 4, count: 1 },
    });
    expect(expectStatus(lamp, 200).variants).toEqual([
      expect.objectContaining({ title: "Default", sku: legacy.lamp.slug, options: {}, stockQty: legacy.lamp.stock }),
    ]);
    expect((await product(legacy.mug.slug)).body).toMatchObject({ stockQty: 0, inStock: false });
    expect((await product(legacy.retired.slug)).status).toBe(404);
  });

  it("keeps carts, orders with their payments, coupons and wishlists, read as their owners and staff see them", async () => {
    const alice = await tokenFor(legacy.alice, "customer");
    const bob = await tokenFor(legacy.bob, "customer");
    const admin = await tokenFor(legacy.admin, "admin");

    const cart = await answer(legacyClient(alice).cart.$get());
    expect(cart.body).toMatchObject({ version: 3, itemCount: 2, subtotal: 4_000, shipping: 600 });
    expect(expectStatus(cart, 200).items).toEqual([
      expect.objectContaining({
        productId: legacy.lamp.id,
        variantTitle: "Default",
        sku: legacy.lamp.slug,
        quantity: 2,
      }),
    ]);
    const bobsCart = expectStatus(await answer(legacyClient(bob).cart.$get()), 200);
    expect(bobsCart.items.map((i) => i.productId).sort()).toEqual([legacy.lamp.id, legacy.mug.id].sort());

    const orders = expectStatus(await answer(legacyClient(alice).orders.$get({ query: {} })), 200);
    expect(orders.items.map((o) => o.id).sort()).toEqual([legacy.pendingOrder, legacy.paidOrder].sort());
    const paid = await order(legacy.paidOrder, alice);
    expect(paid.body).toMatchObject({ status: "paid", subtotal: 2_000, discount: 200, total: 2_100 });
    expect(expectStatus(paid, 200).items).toEqual([
      expect.objectContaining({
        productId: legacy.lamp.id,
        variantTitle: "Default",
        sku: legacy.lamp.slug,
        quantity: 1,
      }),
    ]);
    const staffView = await answer(legacyClient(admin).admin.orders[":id"].$get({ param: { id: legacy.paidOrder } }));
    expect(expectStatus(staffView, 200).payments).toEqual([
      expect.objectContaining({ status: "succeeded", amount: 2_100, transactionId: "TX-LEGACY" }),
    ]);
    expect((await order(legacy.paidOrder, bob)).status).toBe(404);

    const coupons = expectStatus(await answer(legacyClient(bob).coupons.$get()), 200);
    expect(coupons.items).toEqual([expect.objectContaining({ code: legacy.bobGrant.code, remainingUses: 1 })]);
    const wishlist = expectStatus(await answer(legacyClient(alice).wishlist.$get()), 200);
    expect(wishlist.items).toEqual([expect.objectContaining({ productId: legacy.mug.id, stockQty: 0 })]);
    const stock = expectStatus(
      await answer(legacyClient(admin).admin.reports["stock-left"].$get({ query: { limit: "100" } })),
      200,
    );
    expect(stock.items.map((row) => row.variant.sku).sort()).toEqual(
      [legacy.lamp.slug, legacy.mug.slug, legacy.retired.slug].sort(),
    );
  });

  it("sells an old cart, and gives an expired old order's stock back to the variant", async () => {
    const alice = await tokenFor(legacy.alice, "customer");
    const bob = await tokenFor(legacy.bob, "customer");
    const placed = await answer(
      legacyClient(alice).checkout.$post({
        json: { shippingAddress: address },
        header: { "idempotency-key": crypto.randomUUID() },
      }),
    );
    expect(placed.status).toBe(201);
    expect(expectStatus(placed, 201).items).toEqual([
      expect.objectContaining({ variantTitle: "Default", quantity: 2 }),
    ]);
    // Read signed in: anonymous catalog reads may come from the edge cache.
    expect(expectStatus(await product(legacy.lamp.slug, bob), 200).stockQty).toBe(legacy.lamp.stock - 2);

    const jobs = await runScheduledJobs(legacyEnv);
    expect(jobs.expired).toContain(legacy.expiredOrder);
    expect(expectStatus(await order(legacy.expiredOrder, bob), 200).status).toBe("canceled");
    expect(expectStatus(await product(legacy.mug.slug, bob), 200).stockQty).toBe(2);
    // The pending order still holds its lamps until it expires or is paid.
    expect(expectStatus(await order(legacy.pendingOrder, alice), 200).status).toBe("pending_payment");
  });
});
