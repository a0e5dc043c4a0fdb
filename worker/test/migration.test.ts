import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, inject, it } from "vitest";
import { keptTables, legacy } from "../../test/fixtures/legacy-shop.ts";
import { address, origin, tokenFor } from "../../test/support/shop.ts";
import worker from "../index.ts";
import { runScheduledJobs } from "../jobs.ts";

/**
 * A shop made on the schema before variants (test/support/legacy-shop.ts), migrated in the test
 * setup, read back through the API running on it.
 */
const migrated = inject("legacyDatabase");
const legacyEnv = { ...env, DATABASE_URL: migrated.url } as Parameters<typeof worker.fetch>[1];

async function call(path: string, options: { token?: string; method?: string; body?: unknown; key?: string } = {}) {
  const headers = new Headers({
    "cf-connecting-ip": `2001:db8:99:${Math.floor(Math.random() * 65_535).toString(16)}::1`,
  });
  if (options.token) headers.set("authorization", `Bearer ${options.token}`);
  if (options.body !== undefined) headers.set("content-type", "application/json");
  if (options.key) headers.set("idempotency-key", options.key);
  const ctx = createExecutionContext();
  const response = await worker.fetch(
    new Request(`${origin}/api/v1${path}`, {
      method: options.method ?? (options.body === undefined ? "GET" : "POST"),
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    }),
    legacyEnv,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return { status: response.status, body: (await response.json()) as any };
}

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
    const lamp = await call(`/products/${legacy.lamp.slug}`);
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
    expect(lamp.body.variants).toEqual([
      expect.objectContaining({ title: "Default", sku: legacy.lamp.slug, options: {}, stockQty: legacy.lamp.stock }),
    ]);
    expect((await call(`/products/${legacy.mug.slug}`)).body).toMatchObject({ stockQty: 0, inStock: false });
    expect((await call(`/products/${legacy.retired.slug}`)).status).toBe(404);
  });

  it("keeps carts, orders with their payments, coupons and wishlists, read as their owners and staff see them", async () => {
    const alice = await tokenFor(legacy.alice, "customer");
    const bob = await tokenFor(legacy.bob, "customer");
    const admin = await tokenFor(legacy.admin, "admin");

    const cart = await call("/cart", { token: alice });
    expect(cart.body).toMatchObject({ version: 3, itemCount: 2, subtotal: 4_000, shipping: 600 });
    expect(cart.body.items).toEqual([
      expect.objectContaining({
        productId: legacy.lamp.id,
        variantTitle: "Default",
        sku: legacy.lamp.slug,
        quantity: 2,
      }),
    ]);
    expect((await call("/cart", { token: bob })).body.items.map((i: any) => i.productId).sort()).toEqual(
      [legacy.lamp.id, legacy.mug.id].sort(),
    );

    const orders = await call("/orders", { token: alice });
    expect(orders.body.items.map((o: any) => o.id).sort()).toEqual([legacy.pendingOrder, legacy.paidOrder].sort());
    const paid = await call(`/orders/${legacy.paidOrder}`, { token: alice });
    expect(paid.body).toMatchObject({ status: "paid", subtotal: 2_000, discount: 200, total: 2_100 });
    expect(paid.body.items).toEqual([
      expect.objectContaining({
        productId: legacy.lamp.id,
        variantTitle: "Default",
        sku: legacy.lamp.slug,
        quantity: 1,
      }),
    ]);
    const staffView = await call(`/admin/orders/${legacy.paidOrder}`, { token: admin });
    expect(staffView.body.payments).toEqual([
      expect.objectContaining({ status: "succeeded", amount: 2_100, transactionId: "TX-LEGACY" }),
    ]);
    expect((await call(`/orders/${legacy.paidOrder}`, { token: bob })).status).toBe(404);

    const coupons = await call("/coupons", { token: bob });
    expect(coupons.body.items).toEqual([expect.objectContaining({ code: legacy.bobGrant.code, remainingUses: 1 })]);
    const wishlist = await call("/wishlist", { token: alice });
    expect(wishlist.body.items).toEqual([expect.objectContaining({ productId: legacy.mug.id, stockQty: 0 })]);
    const stock = await call("/admin/reports/stock-left?limit=100", { token: admin });
    expect(stock.body.items.map((row: any) => row.variant.sku).sort()).toEqual(
      [legacy.lamp.slug, legacy.mug.slug, legacy.retired.slug].sort(),
    );
  });

  it("sells an old cart, and gives an expired old order's stock back to the variant", async () => {
    const alice = await tokenFor(legacy.alice, "customer");
    const bob = await tokenFor(legacy.bob, "customer");
    const order = await call("/checkout", {
      token: alice,
      body: { shippingAddress: address },
      key: crypto.randomUUID(),
    });
    expect(order.status).toBe(201);
    expect(order.body.items).toEqual([expect.objectContaining({ variantTitle: "Default", quantity: 2 })]);
    // Read signed in: anonymous catalog reads may come from the edge cache.
    expect((await call(`/products/${legacy.lamp.slug}`, { token: bob })).body.stockQty).toBe(legacy.lamp.stock - 2);

    const jobs = await runScheduledJobs(legacyEnv);
    expect(jobs.expired).toContain(legacy.expiredOrder);
    expect((await call(`/orders/${legacy.expiredOrder}`, { token: bob })).body.status).toBe("canceled");
    expect((await call(`/products/${legacy.mug.slug}`, { token: bob })).body.stockQty).toBe(2);
    // The pending order still holds its lamps until it expires or is paid.
    expect((await call(`/orders/${legacy.pendingOrder}`, { token: alice })).body.status).toBe("pending_payment");
  });
});
