import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { seedProducts } from "../../db/seed-data.ts";
import {
  call,
  checkoutAs,
  createProduct,
  createShoppers,
  expectError,
  seedAdmin,
  setLine,
  tokenFor,
  withServices,
} from "../../test/support/shop.ts";
import { limits } from "../lib/rate-limit.ts";

const rate = (token: string, productId: string, vote: unknown, text?: string) =>
  call(`/products/${productId}/rating`, { method: "PUT", token, body: text === undefined ? { vote } : { vote, text } });

describe("ratings", () => {
  it("counts one vote per user, replaces it on a revote, and averages in SQL", async () => {
    const product = await createProduct({ stock: 5 });
    const [a, b, c] = await createShoppers(3);
    expect((await rate(a.token, product.id, 5)).body).toEqual({ average: 5, count: 1, myVote: 5 });
    await rate(b.token, product.id, 4);
    expect((await rate(c.token, product.id, 4)).body).toEqual({ average: 4.33, count: 3, myVote: 4 });
    // a votes again: the vote is replaced, not added.
    expect((await rate(a.token, product.id, 1)).body).toEqual({ average: 3, count: 3, myVote: 1 });
    const listed = await call(`/products/${product.id}`);
    expect(listed.body.rating).toEqual({ average: 3, count: 3 });
  });

  it("shows a rating's text only once staff approve it", async () => {
    const product = await createProduct({ stock: 5 });
    const [shopper] = await createShoppers(1);
    await rate(shopper.token, product.id, 5, "Lovely and bright.");
    expect((await call(`/products/${product.id}/ratings`)).body.items).toEqual([]);
    const staff = await tokenFor(seedAdmin, "admin");
    const pending = await call("/admin/ratings?approved=false&limit=100", { token: staff });
    const mine = pending.body.items.find((r: any) => r.productId === product.id);
    expect(mine).toMatchObject({ text: "Lovely and bright.", vote: 5, approved: false });
    await call(`/admin/ratings/${mine.id}`, { method: "PATCH", token: staff, body: { approved: true } });
    expect((await call(`/products/${product.id}/ratings`)).body.items).toEqual([
      expect.objectContaining({ vote: 5, text: "Lovely and bright." }),
    ]);
  });

  it("rejects votes outside 1..5, unknown products and anonymous voters", async () => {
    const product = await createProduct({ stock: 5 });
    const [shopper] = await createShoppers(1);
    for (const vote of [0, 6, 2.5, "5"])
      expectError(await rate(shopper.token, product.id, vote), 400, "invalid_request");
    expectError(await rate(shopper.token, "00000000-0000-4000-8000-999999999999", 3), 404, "not_found");
    expectError(
      await call(`/products/${product.id}/rating`, { method: "PUT", body: { vote: 3 } }),
      401,
      "unauthenticated",
    );
    expectError(await call("/products/not-a-uuid/ratings"), 400, "invalid_request");
  });
});

describe("comments", () => {
  it("takes suggestions and criticism, shown once approved; hidden again when unapproved", async () => {
    const product = await createProduct({ stock: 5 });
    const [shopper] = await createShoppers(1);
    const posted = await call("/comments", {
      token: shopper.token,
      body: { kind: "criticism", body: "The box arrived dented.", productId: product.id },
    });
    expect(posted.status).toBe(201);
    expect(posted.body).toMatchObject({ id: expect.any(String), approved: false });
    expect((await call(`/products/${product.id}/comments`)).body.items).toEqual([]);
    const staff = await tokenFor(seedAdmin, "admin");
    await call(`/admin/comments/${posted.body.id}`, { method: "PATCH", token: staff, body: { approved: true } });
    expect((await call(`/products/${product.id}/comments`)).body.items).toEqual([
      expect.objectContaining({ kind: "criticism", body: "The box arrived dented." }),
    ]);
    await call(`/admin/comments/${posted.body.id}`, { method: "PATCH", token: staff, body: { approved: false } });
    expect((await call(`/products/${product.id}/comments`)).body.items).toEqual([]);
    expect(
      (await call("/comments", { token: shopper.token, body: { kind: "suggestion", body: "Sell gift cards." } }))
        .status,
    ).toBe(201);
    expectError(
      await call("/comments", { token: shopper.token, body: { kind: "praise", body: "x" } }),
      400,
      "invalid_request",
    );
    expectError(
      await call("/comments", { token: shopper.token, body: { kind: "suggestion", body: "" } }),
      400,
      "invalid_request",
    );
    expectError(
      await call(`/admin/comments/00000000-0000-4000-8000-999999999999`, {
        method: "PATCH",
        token: staff,
        body: { approved: true },
      }),
      404,
      "not_found",
    );
  });
});

describe("the wishlist", () => {
  it("adds, lists with current price and stock, moves to the cart and removes", async () => {
    const [shopper] = await createShoppers(1);
    const product = await createProduct({ stock: 3, price: 2_000, discount: 200, shipping: 100 });
    const added = await call(`/wishlist/${product.id}`, { method: "PUT", token: shopper.token });
    expect(added.body.items).toEqual([
      expect.objectContaining({
        productId: product.id,
        unitPrice: 1_800,
        actualPrice: 1_900,
        stockQty: 3,
        inStock: true,
      }),
    ]);
    await call(`/wishlist/${product.id}`, { method: "PUT", token: shopper.token });
    expect((await call("/wishlist", { token: shopper.token })).body.items).toHaveLength(1);
    await withServices(({ db }) =>
      db.execute(sql`UPDATE product_variants SET price = 2500 WHERE product_id = ${product.id}`),
    );
    expect((await call("/wishlist", { token: shopper.token })).body.items[0].unitPrice).toBe(2_300);

    const moved = await call(`/wishlist/${product.id}/move-to-cart`, { method: "POST", token: shopper.token });
    expect(moved.body.items).toEqual([]);
    expect((await call("/cart", { token: shopper.token })).body.items).toEqual([
      expect.objectContaining({ productId: product.id, quantity: 1 }),
    ]);
    expectError(await call(`/wishlist/${product.id}`, { method: "DELETE", token: shopper.token }), 404, "not_found");
    expectError(
      await call("/wishlist/00000000-0000-4000-8000-999999999999", { method: "PUT", token: shopper.token }),
      404,
      "not_found",
    );
    expectError(await call("/wishlist"), 401, "unauthenticated");
  });

  it("refuses to move more than the stock into the cart", async () => {
    const [shopper] = await createShoppers(1);
    const product = await createProduct({ stock: 1 });
    await setLine(shopper.token, product.id, 1);
    await call(`/wishlist/${product.id}`, { method: "PUT", token: shopper.token });
    expectError(
      await call(`/wishlist/${product.id}/move-to-cart`, { method: "POST", token: shopper.token }),
      409,
      "insufficient_stock",
    );
  });
});

describe("reports", () => {
  const staff = () => tokenFor(seedAdmin, "admin");
  const seeded = new Set(seedProducts.map((p) => p.id));
  const seedVariants = seedProducts.flatMap((p) => p.variants);

  it("lists out-of-stock variants and stock left per variant and in total", async () => {
    const out = await call("/admin/reports/out-of-stock?limit=100", { token: await staff() });
    const soldOut = seedVariants.filter((v) => v.stockQty === 0).map((v) => v.sku);
    expect(soldOut.length).toBeGreaterThan(2);
    expect(
      out.body.items
        .filter((row: any) => seeded.has(row.product.id))
        .map((row: any) => row.variant.sku)
        .sort(),
    ).toEqual(soldOut.sort());
    expect(out.body.items.every((row: any) => row.variant.stockQty === 0)).toBe(true);
    const items: any[] = [];
    let totalStock = 0;
    for (let cursor: string | null = null, first = true; first || cursor; first = false) {
      const query = cursor ? `limit=100&cursor=${cursor}` : "limit=100";
      const left: { body: any } = await call(`/admin/reports/stock-left?${query}`, { token: await staff() });
      items.push(...left.body.items);
      totalStock = left.body.totalStock;
      cursor = left.body.nextCursor;
    }
    // Other suites add products meanwhile, so the total is at least what the pages listed of the seed.
    const seededStock = seedVariants.reduce((sum, v) => sum + v.stockQty, 0);
    expect(totalStock).toBeGreaterThanOrEqual(seededStock);
    expect(new Set(items.map((i) => i.variant.id)).size).toBe(items.length);
    for (const v of seedVariants) {
      expect(items.find((i: any) => i.variant.id === v.id)).toMatchObject({
        product: { id: v.productId },
        variant: { sku: v.sku, title: v.title, stockQty: v.stockQty },
      });
    }
  });

  it("lists variants under a threshold given as a parameter, and rejects a bad threshold", async () => {
    const low = await call("/admin/reports/low-stock?threshold=5&limit=100", { token: await staff() });
    const expected = seedVariants
      .filter((v) => v.stockQty < 5)
      .map((v) => v.sku)
      .sort();
    expect(
      low.body.items
        .filter((row: any) => seeded.has(row.product.id))
        .map((row: any) => row.variant.sku)
        .sort(),
    ).toEqual(expected);
    expect(expected).toEqual(expect.arrayContaining(["ATLAS-GAMING-LAPTOP", "ATLAS-TRAIL-WATCH-42-MM"]));
    expectError(await call("/admin/reports/low-stock?threshold=-1", { token: await staff() }), 400, "invalid_request");
    // Without a threshold, each variant's own low-stock threshold applies (see query-params.test.ts).
    expect((await call("/admin/reports/low-stock", { token: await staff() })).status).toBe(200);
  });

  it("averages ratings per product and ranks the highest rated", async () => {
    const [p1, p2] = [await createProduct({ stock: 1 }), await createProduct({ stock: 1 })];
    const voters = await createShoppers(3);
    for (const [i, v] of voters.entries()) {
      await rate(v.token, p1.id, [5, 5, 4][i]);
      await rate(v.token, p2.id, [3, 2, 2][i]);
    }
    const ratings = await call("/admin/reports/product-ratings?limit=100", { token: await staff() });
    expect(ratings.body.items.find((r: any) => r.id === p1.id)).toMatchObject({ average: 4.67, count: 3 });
    expect(ratings.body.items.find((r: any) => r.id === p2.id)).toMatchObject({ average: 2.33, count: 3 });
    const top = await call("/admin/reports/highest-rated?limit=100&minVotes=3", { token: await staff() });
    const ids = top.body.items.map((r: any) => r.id);
    expect(ids.indexOf(p1.id)).toBeLessThan(ids.indexOf(p2.id));
  });

  it("sums revenue and orders per day, every day present", async () => {
    const [shopper] = await createShoppers(1);
    await withServices(({ db }) =>
      db.execute(sql`
        INSERT INTO orders (user_id, status, currency, subtotal, tax, shipping, shipping_address, idempotency_key, request_hash, expires_at, created_at)
        VALUES
          (${shopper.id}, 'paid', 'USD', 1000, 90, 0, '{}', ${crypto.randomUUID()}, 'x', now(), '1999-03-01 10:00Z'),
          (${shopper.id}, 'delivered', 'USD', 2000, 0, 500, '{}', ${crypto.randomUUID()}, 'x', now(), '1999-03-01 23:59Z'),
          (${shopper.id}, 'canceled', 'USD', 5000, 0, 0, '{}', ${crypto.randomUUID()}, 'x', now(), '1999-03-03 08:00Z')`),
    );
    const report = await call("/admin/reports/revenue?from=1999-03-01&to=1999-03-04&bucket=day", {
      token: await staff(),
    });
    expect(report.body.items).toEqual([
      { day: "1999-03-01", orders: 2, paidOrders: 2, revenue: 1_090 + 2_500 },
      { day: "1999-03-02", orders: 0, paidOrders: 0, revenue: 0 },
      { day: "1999-03-03", orders: 1, paidOrders: 0, revenue: 0 },
    ]);
    expectError(
      await call("/admin/reports/revenue?from=1999-03-04&to=1999-03-01", { token: await staff() }),
      400,
      "invalid_request",
    );
    expectError(
      await call("/admin/reports/revenue?from=yesterday&to=1999-03-01", { token: await staff() }),
      400,
      "invalid_request",
    );
  });
});

describe("ratings from buyers, and how much one shopper can write", () => {
  it("says which ratings come from a verified purchase: a paid order with the product, not a pending or canceled one", async () => {
    const product = await createProduct({ stock: 10, price: 1_000 });
    const [buyer, browser, canceler] = await createShoppers(3);
    const staff = await tokenFor(seedAdmin, "admin");
    const order = async (shopper: { token: string }) => {
      await setLine(shopper.token, product.id, 1);
      return (await checkoutAs(shopper.token)).body.id as string;
    };
    const paid = await order(buyer);
    const started = await call(`/orders/${paid}/payment`, { method: "POST", token: buyer.token });
    await call(`/sandbox/pay/${started.body.redirectUrl.split("/").at(-1)}`, { body: { outcome: "success" } });
    const canceled = await order(canceler);
    await call(`/orders/${canceled}/cancel`, { method: "POST", token: canceler.token });

    await rate(buyer.token, product.id, 5, "Bought it, love it.");
    await rate(browser.token, product.id, 1, "Never had it, hate it.");
    await rate(canceler.token, product.id, 2, "Changed my mind.");
    const queue = await call("/admin/ratings?approved=false&limit=100", { token: staff });
    const mine = queue.body.items.filter((r: any) => r.productId === product.id);
    expect(Object.fromEntries(mine.map((r: any) => [r.text, r.verifiedPurchase]))).toEqual({
      "Bought it, love it.": true,
      "Never had it, hate it.": false,
      "Changed my mind.": false,
    });
    for (const rating of mine)
      await call(`/admin/ratings/${rating.id}`, { method: "PATCH", token: staff, body: { approved: true } });
    const published = (await call(`/products/${product.id}/ratings`)).body.items;
    expect(Object.fromEntries(published.map((r: any) => [r.text, r.verifiedPurchase]))).toEqual({
      "Bought it, love it.": true,
      "Never had it, hate it.": false,
      "Changed my mind.": false,
    });
  });

  it(`limits comments to ${limits.commentPerUser[0]} an hour per shopper (429 with Retry-After), others unaffected`, async () => {
    const [chatty, quiet] = await createShoppers(2);
    const post = (token: string, i: number) =>
      call("/comments", { token, body: { kind: "suggestion", body: `Idea number ${i}` } });
    const accepted = await Promise.all(
      Array.from({ length: limits.commentPerUser[0] }, (_, i) => post(chatty.token, i)),
    );
    expect(accepted.map((a) => a.status)).toEqual(Array(limits.commentPerUser[0]).fill(201));
    const refused = await post(chatty.token, 99);
    expectError(refused, 429, "rate_limited");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await post(quiet.token, 1)).status).toBe(201);
  });
});

describe("public author names", () => {
  const approveAll = async (productId: string) => {
    const staff = await tokenFor(seedAdmin, "admin");
    for (const kind of ["ratings", "comments"]) {
      const pending = await call(`/admin/${kind}?approved=false&limit=100`, { token: staff });
      for (const entry of pending.body.items.filter((e: any) => e.productId === productId))
        await call(`/admin/${kind}/${entry.id}`, { method: "PATCH", token: staff, body: { approved: true } });
    }
  };

  it("never shows a reviewer's phone number or email on ratings and comments; a chosen display name instead", async () => {
    const product = await createProduct({ stock: 5 });
    const phoneUser = `+1415555${String(Math.floor(1000 + Math.random() * 8999))}`;
    const emailLocal = `grace.hopper.${crypto.randomUUID().slice(0, 8)}`;
    const [byPhone, byEmail] = await withServices(async ({ db }) => {
      const result = await db.execute<{ id: string }>(sql`
        INSERT INTO users (username, phone, is_phone_verified) VALUES (${phoneUser}, ${phoneUser}, true) RETURNING id`);
      const email = `${emailLocal}@example.com`;
      const other = await db.execute<{ id: string }>(sql`
        INSERT INTO users (username, email, is_email_verified) VALUES (${email}, ${email}, true) RETURNING id`);
      return [result.rows[0], other.rows[0]];
    });
    const phoneToken = await tokenFor(byPhone, "customer");
    const emailToken = await tokenFor(byEmail, "customer");
    await rate(phoneToken, product.id, 5, "Great value.");
    await rate(emailToken, product.id, 4, "Solid.");
    await call("/comments", {
      token: phoneToken,
      body: { kind: "suggestion", body: "More colours.", productId: product.id },
    });
    await approveAll(product.id);

    const published = JSON.stringify([
      (await call(`/products/${product.id}/ratings`)).body,
      (await call(`/products/${product.id}/comments`)).body,
    ]);
    expect(published).not.toContain(phoneUser);
    expect(published).not.toContain(phoneUser.slice(1));
    expect(published).not.toContain(emailLocal);

    const named = await call("/me", { method: "PATCH", token: emailToken, body: { displayName: "Grace H." } });
    expect(named.status).toBe(200);
    expect(named.body.displayName).toBe("Grace H.");
    // Read signed in, past the edge cache (anonymous readers see the name once their cached page expires).
    const ratings = (await call(`/products/${product.id}/ratings`, { token: phoneToken })).body.items;
    expect(ratings.find((r: any) => r.text === "Solid.").author).toBe("Grace H.");
    expect(ratings.find((r: any) => r.text === "Great value.").author).toMatch(/^Shopper [0-9A-F]{4}$/);
  });

  it("refuses a display name that is an email address or a phone number, or empty, or over 40 characters", async () => {
    const [shopper] = await createShoppers(1);
    for (const displayName of ["me@example.com", "+1 415 555 0199", "0912 345 6789", "", "x".repeat(41)]) {
      const result = await call("/me", { method: "PATCH", token: shopper.token, body: { displayName } });
      expectError(result, 400, "invalid_request");
      expect(JSON.stringify(result.body.error.details)).toContain("displayName");
    }
    expectError(await call("/me", { method: "PATCH", body: { displayName: "Ann" } }), 401, "unauthenticated");
  });
});

describe("changing one's stars", () => {
  it("keeps an approved review's text and approval when the vote changes without text", async () => {
    const product = await createProduct({ stock: 5 });
    const [shopper] = await createShoppers(1);
    await rate(shopper.token, product.id, 5, "Lovely and bright.");
    const staff = await tokenFor(seedAdmin, "admin");
    const pending = await call("/admin/ratings?approved=false&limit=100", { token: staff });
    const mine = pending.body.items.find((r: any) => r.productId === product.id);
    await call(`/admin/ratings/${mine.id}`, { method: "PATCH", token: staff, body: { approved: true } });

    expect((await rate(shopper.token, product.id, 4)).body).toMatchObject({ myVote: 4 });
    expect((await call(`/products/${product.id}/ratings`)).body.items).toEqual([
      expect.objectContaining({ vote: 4, text: "Lovely and bright." }),
    ]);

    // New text awaits approval again (read signed in, past the edge cache of anonymous reads).
    await rate(shopper.token, product.id, 3, "Dimmer than I thought.");
    expect((await call(`/products/${product.id}/ratings`, { token: shopper.token })).body.items).toEqual([]);
    const queue = await call("/admin/ratings?approved=false&limit=100", { token: staff });
    expect(queue.body.items.find((r: any) => r.productId === product.id)).toMatchObject({
      vote: 3,
      text: "Dimmer than I thought.",
    });
  });
});

describe("report figures beyond 32 bits", () => {
  it("sums stock past 2^31 units without failing, and pages every report", async () => {
    const big = await createProduct({ stock: 2_147_483_000 });
    const more = await createProduct({ stock: 2_147_483_000 });
    try {
      const token = await tokenFor(seedAdmin, "admin");
      const left = await call("/admin/reports/stock-left?limit=2", { token });
      expect(left.status).toBe(200);
      expect(left.body.totalStock).toBeGreaterThan(4_294_966_000);
      expect(left.body.items).toHaveLength(2);
      expect(left.body.nextCursor).toEqual(expect.any(String));
      const next = await call(`/admin/reports/stock-left?limit=2&cursor=${left.body.nextCursor}`, { token });
      expect(next.body.items.map((i: any) => i.variant.id)).not.toContain(left.body.items[0].variant.id);
      for (const report of ["out-of-stock", "low-stock", "product-ratings", "highest-rated"]) {
        const page = await call(`/admin/reports/${report}?limit=1`, { token });
        expect(page.status, report).toBe(200);
        expect(page.body.items.length, report).toBeLessThanOrEqual(1);
        expect(page.body, report).toHaveProperty("nextCursor");
      }
    } finally {
      await withServices(({ db }) => db.execute(sql`DELETE FROM products WHERE id IN (${big.id}, ${more.id})`));
    }
  });
});

describe("revenue beyond 32 bits", () => {
  it("sums a day's revenue past 2^31 minor units", async () => {
    const [shopper] = await createShoppers(1);
    await withServices(({ db }) =>
      db.execute(sql`
        INSERT INTO orders (user_id, status, currency, subtotal, shipping_address, idempotency_key, request_hash, expires_at, created_at)
        VALUES
          (${shopper.id}, 'paid', 'USD', 1500000000, '{}', ${crypto.randomUUID()}, 'x', now(), '1998-07-01 10:00Z'),
          (${shopper.id}, 'paid', 'USD', 1500000000, '{}', ${crypto.randomUUID()}, 'x', now(), '1998-07-01 11:00Z')`),
    );
    const report = await call("/admin/reports/revenue?from=1998-07-01&to=1998-07-02", {
      token: await tokenFor(seedAdmin, "admin"),
    });
    expect(report.status).toBe(200);
    expect(report.body.items).toEqual([{ day: "1998-07-01", orders: 2, paidOrders: 2, revenue: 3_000_000_000 }]);
  });
});

describe("one name for each field", () => {
  it("calls a comment's words `body` in the moderation queue too, and a rating's `text`", async () => {
    const product = await createProduct({ stock: 5 });
    const [shopper] = await createShoppers(1);
    await call("/comments", {
      token: shopper.token,
      body: { kind: "suggestion", body: "Gift wrap?", productId: product.id },
    });
    await rate(shopper.token, product.id, 4, "Nice.");
    const staff = await tokenFor(seedAdmin, "admin");
    const comments = (await call("/admin/comments?approved=false&limit=100", { token: staff })).body.items;
    expect(comments.find((c: any) => c.productId === product.id)).toMatchObject({
      kind: "suggestion",
      body: "Gift wrap?",
    });
    expect(comments.find((c: any) => c.productId === product.id)).not.toHaveProperty("text");
    const ratings = (await call("/admin/ratings?approved=false&limit=100", { token: staff })).body.items;
    expect(ratings.find((r: any) => r.productId === product.id)).toMatchObject({ vote: 4, text: "Nice." });
    expect(ratings.find((r: any) => r.productId === product.id)).not.toHaveProperty("body");
  });
});
