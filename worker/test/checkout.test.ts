import { env } from "cloudflare:workers";
import { sql } from "drizzle-orm";
import type { InferRequestType } from "hono/client";
import { describe, expect, it } from "vitest";
import { answer, client, expectStatus } from "../../test/support/client.ts";
import {
  address,
  call,
  checkoutAs,
  createProduct,
  createShoppers,
  createSizedProduct,
  defineCoupon,
  expectError,
  grant,
  seedAdmin,
  setLine,
  setVariantLine,
  stockOf,
  tokenFor,
  withActor,
  withServices,
} from "../../test/support/shop.ts";
import { runScheduledJobs } from "../jobs.ts";
import { checkout } from "../services/checkout.service.ts";

const couponState = (code: string) =>
  withServices(async ({ db }) => {
    const result = await db.execute<{ uses: number; used_count: number }>(sql`
      SELECT uc.uses, c.used_count FROM user_coupons uc JOIN coupons c ON c.id = uc.coupon_id WHERE uc.code = ${code}`);
    return result.rows[0];
  });

/** A status staff may ask an order to move to, as the route declares it. */
type OrderStatus = InferRequestType<
  ReturnType<typeof client>["admin"]["orders"][":id"]["status"]["$post"]
>["json"]["status"];

describe("checkout", () => {
  it("turns the cart into an order: price snapshot, money breakdown, stock reserved, cart emptied", async () => {
    const [shopper] = await createShoppers(1);
    const a = await createProduct({ stock: 10, price: 2_500, discount: 300, shipping: 150 });
    const b = await createProduct({ stock: 5, price: 1_005 });
    await setLine(shopper.token, a.id, 2);
    await setLine(shopper.token, b.id, 1);
    const code = await grant((await defineCoupon({ value: 10 })).id, shopper.id);

    const result = expectStatus(await checkoutAs(shopper.token, { couponCode: code, shippingAddress: address }), 201);
    // subtotal 2×2200 + 1005 = 5405; 10 % → 540.5 → 541, shared by largest remainder: 440 and 101;
    // tax 9 % per line, rounded once each: 3960 → 356.4 → 356, 904 → 81.36 → 81; 437; shipping 300.
    expect(result).toMatchObject({
      status: "pending_payment",
      subtotal: 5_405,
      discount: 541,
      tax: 437,
      shipping: 300,
      total: 5_405 - 541 + 437 + 300,
      pricesIncludeTax: false,
      shippingMethod: { id: expect.any(String), name: "Standard" },
      shippingTax: 0,
      currency: "USD",
      couponCode: code,
      events: [{ status: "pending_payment", at: expect.any(String) }],
    });
    expect(result.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          productId: a.id,
          quantity: 2,
          unitPrice: 2_200,
          lineTotal: 4_400,
          discountAmount: 440,
          netAmount: 3_960,
          taxAmount: 356,
          taxRateBps: 900,
        }),
        expect.objectContaining({
          productId: b.id,
          quantity: 1,
          unitPrice: 1_005,
          lineTotal: 1_005,
          discountAmount: 101,
          netAmount: 904,
          taxAmount: 81,
          taxRateBps: 900,
        }),
      ]),
    );
    const minutes = (Date.parse(result.expiresAt) - Date.parse(result.createdAt)) / 60_000;
    expect(minutes).toBeCloseTo(15, 0);
    expect([await stockOf(a.id), await stockOf(b.id)]).toEqual([8, 4]);
    const shop = () => client({ token: shopper.token });
    expect(expectStatus(await answer(shop().cart.$get()), 200).items).toEqual([]);
    expect(await couponState(code)).toEqual({ uses: 1, used_count: 1 });

    // The order keeps its prices when the product's price changes later.
    await withServices(({ db }) =>
      db.execute(sql`UPDATE product_variants SET price = 99999 WHERE product_id = ${a.id}`),
    );
    const reread = expectStatus(await answer(shop().orders[":id"].$get({ param: { id: result.id } })), 200);
    expect(reread.items).toEqual(result.items);
  });

  it("answers 409 cart_empty, 400 without an Idempotency-Key, 400 for a bad address", async () => {
    const [shopper] = await createShoppers(1);
    expectError(await checkoutAs(shopper.token), 409, "cart_empty");
    await setLine(shopper.token, (await createProduct({ stock: 3 })).id, 1);
    // Without the Idempotency-Key the route requires: sent raw.
    expectError(
      await call("/checkout", { token: shopper.token, body: { shippingAddress: address } }),
      400,
      "invalid_request",
    );
    expectError(
      await checkoutAs(shopper.token, { shippingAddress: { ...address, country: "United States" } }),
      400,
      "invalid_request",
    );
    // Without the shipping address the body requires: sent raw.
    expectError(
      await call("/checkout", { token: shopper.token, body: {}, headers: { "idempotency-key": crypto.randomUUID() } }),
      400,
      "invalid_request",
    );
  });

  it("refuses the whole order when one line is short, naming it, and changes nothing", async () => {
    const [shopper] = await createShoppers(1);
    const plenty = await createProduct({ stock: 10 });
    const scarce = await createProduct({ stock: 2 });
    await setLine(shopper.token, plenty.id, 3);
    await setLine(shopper.token, scarce.id, 2);
    await withServices(({ db }) =>
      db.execute(sql`UPDATE product_variants SET stock_qty = 1 WHERE id = ${scarce.variantId}`),
    );
    const result = await checkoutAs(shopper.token);
    expectError(result, 409, "insufficient_stock");
    expect(expectStatus(result, 409).error.details).toHaveProperty("items", [
      { productId: scarce.id, variantId: scarce.variantId, requested: 2, available: 1 },
    ]);
    expect([await stockOf(plenty.id), await stockOf(scarce.id)]).toEqual([10, 1]);
    expect(expectStatus(await answer(client({ token: shopper.token }).cart.$get()), 200).items).toHaveLength(2);
  });

  it("returns the same order for the same Idempotency-Key, and 409 for the same key with another body", async () => {
    const [shopper] = await createShoppers(1);
    const product = await createProduct({ stock: 10 });
    await setLine(shopper.token, product.id, 1);
    const key = crypto.randomUUID();
    const first = await checkoutAs(shopper.token, { shippingAddress: address }, key);
    const again = await checkoutAs(shopper.token, { shippingAddress: address }, key);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    const other = await checkoutAs(shopper.token, { shippingAddress: { ...address, city: "Shelbyville" } }, key);
    expectError(other, 409, "idempotency_conflict");
    expect(await stockOf(product.id)).toBe(9);
  });
});

describe("checkout under concurrency", () => {
  it("sells exactly the stock: 50 shoppers race for 5 units", async () => {
    const product = await createProduct({ stock: 5 });
    const shoppers = await createShoppers(50);
    await Promise.all(shoppers.map((s) => setLine(s.token, product.id, 1)));
    await withServices(({ db }) =>
      db.execute(sql`UPDATE product_variants SET stock_qty = 5 WHERE id = ${product.variantId}`),
    );
    const results = await Promise.all(shoppers.map((s) => checkoutAs(s.token)));
    const created = results.filter((r) => r.status === 201);
    const refused = results.filter((r) => r.status === 409 && r.body.error.code === "insufficient_stock");
    console.log(
      `stock race: ${results.length} attempts, ${created.length} orders, ${refused.length} refused, final stock ${await stockOf(product.id)}`,
    );
    expect(created).toHaveLength(5);
    expect(refused).toHaveLength(45);
    expect(await stockOf(product.id)).toBe(0);
  });

  it("sells exactly a variant's stock: 30 shoppers race for 3 of one size, and the other sizes keep theirs", async () => {
    const shirt = await createSizedProduct({ S: 7, M: 3, L: 4 });
    const shoppers = await createShoppers(30);
    await Promise.all(shoppers.map((s) => setVariantLine(s.token, shirt.variants.M, 1)));
    const results = await Promise.all(shoppers.map((s) => checkoutAs(s.token)));
    const created = results.filter((r) => r.status === 201);
    const refused = results.filter((r) => r.status === 409 && r.body.error.code === "insufficient_stock");
    console.log(
      `variant race: ${results.length} attempts, ${created.length} orders, ${refused.length} refused, stock S/M/L ${await stockOf(shirt.variants.S)}/${await stockOf(shirt.variants.M)}/${await stockOf(shirt.variants.L)}`,
    );
    expect(created).toHaveLength(3);
    expect(refused).toHaveLength(27);
    expect(expectStatus(refused[0], 409).error.details).toHaveProperty("items", [
      { productId: shirt.id, variantId: shirt.variants.M, requested: 1, available: 0 },
    ]);
    for (const order of created) {
      expect(order.body.items).toEqual([
        expect.objectContaining({
          variantId: shirt.variants.M,
          variantTitle: "M",
          sku: `${shirt.slug}-M`,
          quantity: 1,
        }),
      ]);
    }
    expect([await stockOf(shirt.variants.S), await stockOf(shirt.variants.M), await stockOf(shirt.variants.L)]).toEqual(
      [7, 0, 4],
    );
  });

  it("applies a coupon with a per-user limit of 1 once, however many checkouts one user fires at once", async () => {
    const [shopper] = await createShoppers(1);
    const product = await createProduct({ stock: 100 });
    const code = await grant((await defineCoupon({ value: 20, perUserLimit: 1 })).id, shopper.id);
    await setLine(shopper.token, product.id, 1);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => checkoutAs(shopper.token, { couponCode: code, shippingAddress: address })),
    );
    const created = results.filter((r) => r.status === 201);
    expect(created).toHaveLength(1);
    expect(created[0].body.discount).toBeGreaterThan(0);
    expect(results.filter((r) => r.status === 409)).toHaveLength(19);
    expect(await couponState(code)).toEqual({ uses: 1, used_count: 1 });

    // A second cart with the spent coupon is refused, and nothing is taken.
    await setLine(shopper.token, product.id, 1);
    expectError(
      await checkoutAs(shopper.token, { couponCode: code, shippingAddress: address }),
      409,
      "coupon_exhausted",
    );
    expect(await couponState(code)).toEqual({ uses: 1, used_count: 1 });
  });

  it("holds a coupon's global limit when 10 shoppers race for 3 uses", async () => {
    const coupon = await defineCoupon({ value: 10, usageLimit: 3 });
    const product = await createProduct({ stock: 100 });
    const shoppers = await createShoppers(10);
    const codes = await Promise.all(shoppers.map((s) => grant(coupon.id, s.id)));
    await Promise.all(shoppers.map((s) => setLine(s.token, product.id, 1)));
    const results = await Promise.all(
      shoppers.map((s, i) => checkoutAs(s.token, { couponCode: codes[i], shippingAddress: address })),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(3);
    expect(results.filter((r) => r.status === 409 && r.body.error.code === "coupon_exhausted")).toHaveLength(7);
    const used = await withServices(
      async ({ db }) =>
        (await db.execute<{ used_count: number }>(sql`SELECT used_count FROM coupons WHERE id = ${coupon.id}`)).rows[0],
    );
    expect(used.used_count).toBe(3);
    expect(await stockOf(product.id)).toBe(97);
  });

  it("creates one order when the same Idempotency-Key arrives 10 times at once", async () => {
    const [shopper] = await createShoppers(1);
    const product = await createProduct({ stock: 10 });
    await setLine(shopper.token, product.id, 2);
    const key = crypto.randomUUID();
    const results = await Promise.all(
      Array.from({ length: 10 }, () => checkoutAs(shopper.token, { shippingAddress: address }, key)),
    );
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(new Set(results.map((r) => expectStatus(r, 201).id)).size).toBe(1);
    expect(await stockOf(product.id)).toBe(8);
    const orders = await withServices(
      async ({ db }) =>
        (await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM orders WHERE user_id = ${shopper.id}`))
          .rows[0].n,
    );
    expect(orders).toBe(1);
  });

  it("answers the order when a checkout under the same key commits while its first round trip reads", async () => {
    const [shopper] = await createShoppers(1);
    const product = await createProduct({ stock: 10 });
    await setLine(shopper.token, product.id, 2);
    const key = crypto.randomUUID();
    const { slow, fast } = await withActor(shopper.id, async (ctx) => {
      const slow = checkout(ctx, { shippingAddress: address }, key, {
        // Holds the reads apart long enough for the other request to place the order in between.
        betweenReads: ({ db }) => db.execute(sql`SELECT pg_sleep(1)`),
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      const fast = await checkoutAs(shopper.token, { shippingAddress: address }, key);
      return { slow: await slow, fast };
    });
    const order = expectStatus(fast, 201);
    expect(slow).toMatchObject({ created: false, order: { id: order.id } });
    expect(await stockOf(product.id)).toBe(8);
  });

  it("leaves stock, coupon uses and cart untouched when the transaction fails after reserving stock", async () => {
    const [shopper] = await createShoppers(1);
    const product = await createProduct({ stock: 7 });
    const code = await grant((await defineCoupon({ value: 10 })).id, shopper.id);
    await setLine(shopper.token, product.id, 3);
    await withActor(shopper.id, async (ctx) => {
      const failing = checkout(ctx, { couponCode: code, shippingAddress: address }, crypto.randomUUID(), {
        // A statement that fails when it runs, after the stock update in the same transaction.
        afterStockReserved: ({ db }) => db.execute(sql`SELECT 1 / 0`),
      });
      await expect(failing).rejects.toThrow();
    });
    expect(await stockOf(product.id)).toBe(7);
    expect(await couponState(code)).toEqual({ uses: 0, used_count: 0 });
    expect(expectStatus(await answer(client({ token: shopper.token }).cart.$get()), 200).items).toEqual([
      expect.objectContaining({ productId: product.id, quantity: 3 }),
    ]);
  });
});

describe("orders and their status", () => {
  it("lets the shopper cancel a pending order: stock and coupon use come back; a second cancel is 409", async () => {
    const [shopper, stranger] = await createShoppers(2);
    const product = await createProduct({ stock: 5 });
    const code = await grant((await defineCoupon({})).id, shopper.id);
    await setLine(shopper.token, product.id, 2);
    const order = expectStatus(await checkoutAs(shopper.token, { couponCode: code, shippingAddress: address }), 201);
    const param = { id: order.id };
    const cancel = (token: string) => answer(client({ token }).orders[":id"].cancel.$post({ param }));
    expectError(await cancel(stranger.token), 404, "not_found");
    expectError(await answer(client({ token: stranger.token }).orders[":id"].$get({ param })), 404, "not_found");
    const canceled = expectStatus(await cancel(shopper.token), 200);
    expect(canceled.status).toBe("canceled");
    expect(canceled.events.map((e) => e.status)).toEqual(["pending_payment", "canceled"]);
    expect(await stockOf(product.id)).toBe(5);
    expect(await couponState(code)).toEqual({ uses: 0, used_count: 0 });
    expectError(await cancel(shopper.token), 409, "invalid_transition");
  });

  it("expires an unpaid reservation lazily when read, and on the schedule", async () => {
    const [lazy, scheduled] = await createShoppers(2);
    const product = await createProduct({ stock: 6 });
    await setLine(lazy.token, product.id, 2);
    await setLine(scheduled.token, product.id, 3);
    const lazyOrder = expectStatus(await checkoutAs(lazy.token), 201);
    const scheduledOrder = expectStatus(await checkoutAs(scheduled.token), 201);
    expect(await stockOf(product.id)).toBe(1);
    await withServices(({ db }) =>
      db.execute(
        sql`UPDATE orders SET expires_at = now() - interval '1 second' WHERE id IN (${lazyOrder.id}, ${scheduledOrder.id})`,
      ),
    );

    const read = await answer(client({ token: lazy.token }).orders[":id"].$get({ param: { id: lazyOrder.id } }));
    expect(expectStatus(read, 200).status).toBe("canceled");
    expect(await stockOf(product.id)).toBe(3);

    await runScheduledJobs(env);
    const after = expectStatus(
      await answer(client({ token: scheduled.token }).orders[":id"].$get({ param: { id: scheduledOrder.id } })),
      200,
    );
    expect(after.status).toBe("canceled");
    expect(after.events.at(-1)?.status).toBe("canceled");
    expect(await stockOf(product.id)).toBe(6);
  });

  it("lets staff move paid orders forward, one allowed step at a time; anything else is 409", async () => {
    const [shopper] = await createShoppers(1);
    await setLine(shopper.token, (await createProduct({ stock: 5 })).id, 1);
    const order = expectStatus(await checkoutAs(shopper.token), 201);
    const staff = await tokenFor(seedAdmin, "admin");
    const param = { id: order.id };
    const move = (status: OrderStatus, token = staff) =>
      answer(client({ token }).admin.orders[":id"].status.$post({ param, json: { status } }));
    expectError(await move("shipped"), 409, "invalid_transition");
    expectError(await move("paid"), 409, "invalid_transition");
    await withServices(({ db }) => db.execute(sql`UPDATE orders SET status = 'paid' WHERE id = ${order.id}`));
    expect(expectStatus(await move("processing"), 200).status).toBe("processing");
    expectError(await move("delivered"), 409, "invalid_transition");
    expect(expectStatus(await move("shipped"), 200).status).toBe("shipped");
    expect(expectStatus(await move("delivered"), 200).status).toBe("delivered");
    expectError(await move("processing"), 409, "invalid_transition");
    // A status that is none of an order's: sent raw.
    expectError(
      await call(`/admin/orders/${order.id}/status`, { token: staff, body: { status: "teleported" } }),
      400,
      "invalid_request",
    );
    expectError(await move("shipped", shopper.token), 403, "forbidden");
    const read = expectStatus(await answer(client({ token: shopper.token }).orders[":id"].$get({ param })), 200);
    const history = read.events.map((e) => e.status);
    expect(history).toEqual(["pending_payment", "processing", "shipped", "delivered"]);
  });

  it("pages through orders created within one millisecond without skipping any (cursors keep microseconds)", async () => {
    const [shopper] = await createShoppers(1);
    await withServices(({ db }) =>
      db.execute(sql`
        INSERT INTO orders (user_id, currency, subtotal, shipping_address, idempotency_key, request_hash, expires_at, created_at)
        SELECT ${shopper.id}, 'USD', 100, '{}', gen_random_uuid()::text, 'x', now() + interval '1 hour',
          timestamptz '2026-01-01 00:00:00.123000Z' + make_interval(secs => n / 1000000.0)
        FROM generate_series(100, 900, 400) AS n`),
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 5; page++) {
      const query: { limit: string; cursor?: string } = { limit: "1", ...(cursor ? { cursor } : {}) };
      const result = expectStatus(await answer(client({ token: shopper.token }).orders.$get({ query })), 200);
      seen.push(...result.items.map((o) => o.id));
      cursor = result.nextCursor;
      if (!cursor) break;
    }
    expect(new Set(seen).size).toBe(3);
  });

  it("lists my orders newest first, and lets staff search them", async () => {
    const [shopper] = await createShoppers(1);
    const product = await createProduct({ stock: 5 });
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      await setLine(shopper.token, product.id, 1);
      ids.push(expectStatus(await checkoutAs(shopper.token), 201).id);
    }
    const mine = expectStatus(await answer(client({ token: shopper.token }).orders.$get({ query: {} })), 200);
    expect(mine.items.map((o) => o.id)).toEqual(ids.reverse());
    const staff = client({ token: await tokenFor(seedAdmin, "admin") });
    const found = expectStatus(await answer(staff.admin.orders.$get({ query: { q: ids[0] } })), 200);
    expect(found.items.map((o) => o.id)).toEqual([ids[0]]);
  });
});

describe("what orders show", () => {
  it("carries the shipping address and each event's actor and note in every order response", async () => {
    const [shopper] = await createShoppers(1);
    const product = await createProduct({ stock: 5 });
    await setLine(shopper.token, product.id, 1);
    const shippingAddress = { ...address, phone: "+14155550100" };
    const created = expectStatus(await checkoutAs(shopper.token, { shippingAddress }), 201);
    expect(created.shippingAddress).toEqual(shippingAddress);
    const param = { id: created.id };
    const shop = () => client({ token: shopper.token });
    await answer(shop().orders[":id"].cancel.$post({ param }));

    const staff = client({ token: await tokenFor(seedAdmin, "admin") });
    const views = [
      expectStatus(await answer(shop().orders[":id"].$get({ param })), 200),
      expectStatus(await answer(shop().orders.$get({ query: {} })), 200).items[0],
      expectStatus(await answer(staff.admin.orders.$get({ query: { q: created.id } })), 200).items[0],
    ];
    for (const view of views) {
      expect(view.shippingAddress).toEqual(shippingAddress);
      expect(view.events).toEqual([
        { status: "pending_payment", at: expect.any(String), actor: "customer", note: null },
        { status: "canceled", at: expect.any(String), actor: "customer", note: "canceled by the shopper" },
      ]);
    }
  });
});

describe("staff's order list", () => {
  it("pages with a cursor through every order, beyond the first page", async () => {
    const [shopper] = await createShoppers(1);
    await withServices(({ db }) =>
      db.execute(sql`
        INSERT INTO orders (user_id, currency, subtotal, shipping_address, idempotency_key, request_hash, expires_at, created_at)
        SELECT ${shopper.id}, 'USD', 100, '{}', gen_random_uuid()::text, 'x', now() + interval '1 hour',
          timestamptz '1997-01-01 00:00:00Z' + make_interval(secs => n)
        FROM generate_series(1, 5) AS n`),
    );
    const staff = await tokenFor(seedAdmin, "admin");
    const search = { from: "1997-01-01T00:00:00Z", to: "1997-01-02T00:00:00Z" };
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 10; page++) {
      const query: typeof search & { limit: string; cursor?: string } = {
        ...search,
        limit: "2",
        ...(cursor ? { cursor } : {}),
      };
      const result = await answer(client({ token: staff }).admin.orders.$get({ query }));
      const body = expectStatus(result, 200);
      expect(body.items.length).toBeLessThanOrEqual(2);
      seen.push(...body.items.map((o) => o.id));
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
  });
});
