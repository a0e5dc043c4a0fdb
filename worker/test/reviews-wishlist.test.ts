import { sql } from "drizzle-orm";
import type { InferRequestType, InferResponseType } from "hono/client";
import { describe, expect, it } from "vitest";
import { seedProducts } from "../../db/seed-data.ts";
import { answer, client, expectStatus } from "../../test/support/client.ts";
import {
  call,
  checkoutAs,
  createProduct,
  createShoppers,
  expectError,
  pressSandboxButton,
  seedAdmin,
  setLine,
  startPaymentAs,
  tokenFor,
  withServices,
} from "../../test/support/shop.ts";
import { limits } from "../lib/rate-limit.ts";

type StockLeft = InferResponseType<ReturnType<typeof client>["admin"]["reports"]["stock-left"]["$get"], 200>;

const rate = (token: string, productId: string, vote: number, text?: string) =>
  answer(
    client({ token }).products[":id"].rating.$put({
      param: { id: productId },
      json: text === undefined ? { vote } : { vote, text },
    }),
  );

/** A product's approved rating texts, read anonymously (through the edge cache) unless a token is given. */
const ratingsOf = async (productId: string, token?: string) =>
  expectStatus(
    await answer(client({ token }).products[":id"].ratings.$get({ param: { id: productId }, query: {} })),
    200,
  ).items;

/** A product's approved comments, read anonymously (through the edge cache). */
const commentsOf = async (productId: string) =>
  expectStatus(await answer(client().products[":id"].comments.$get({ param: { id: productId }, query: {} })), 200)
    .items;

/** Rating texts or comments awaiting moderation, as staff list them. */
const ratingQueue = async (token: string) =>
  expectStatus(await answer(client({ token }).admin.ratings.$get({ query: { approved: "false", limit: "100" } })), 200)
    .items;
const commentQueue = async (token: string) =>
  expectStatus(await answer(client({ token }).admin.comments.$get({ query: { approved: "false", limit: "100" } })), 200)
    .items;

/** Staff approving or hiding a rating text or a comment. */
const moderate = (token: string, kind: "ratings" | "comments", id: string, approved: boolean) =>
  answer(client({ token }).admin[":kind"][":id"].$patch({ param: { kind, id }, json: { approved } }));

type CommentBody = InferRequestType<ReturnType<typeof client>["comments"]["$post"]>["json"];
const comment = (token: string, json: CommentBody) => answer(client({ token }).comments.$post({ json }));

describe("ratings", () => {
  it("counts one vote per user, replaces it on a revote, and averages in SQL", async () => {
    const product = await createProduct({ stock: 5 });
    const [a, b, c] = await createShoppers(3);
    // Votes without words: no review text of mine, nothing waiting for staff.
    const mine = { myText: null, myTextPending: false };
    expect((await rate(a.token, product.id, 5)).body).toEqual({ average: 5, count: 1, myVote: 5, ...mine });
    await rate(b.token, product.id, 4);
    expect((await rate(c.token, product.id, 4)).body).toEqual({ average: 4.33, count: 3, myVote: 4, ...mine });
    // a votes again: the vote is replaced, not added.
    expect((await rate(a.token, product.id, 1)).body).toEqual({ average: 3, count: 3, myVote: 1, ...mine });
    const listed = await answer(client().products[":idOrSlug"].$get({ param: { idOrSlug: product.id } }));
    expect(expectStatus(listed, 200).rating).toEqual({ average: 3, count: 3 });
  });

  it("shows me my own vote and words when I come back, waiting for staff until they approve them", async () => {
    const product = await createProduct({ stock: 5 });
    const [me, other] = await createShoppers(2);
    const mine = (token: string) =>
      answer(client({ token }).products[":id"].rating.$get({ param: { id: product.id } }));
    expect(expectStatus(await mine(me.token), 200)).toEqual({
      average: 0,
      count: 0,
      myVote: null,
      myText: null,
      myTextPending: false,
    });
    await answer(
      client({ token: me.token }).products[":id"].rating.$put({
        param: { id: product.id },
        json: { vote: 4, text: "Steady." },
      }),
    );
    expect(expectStatus(await mine(me.token), 200)).toMatchObject({
      myVote: 4,
      myText: "Steady.",
      myTextPending: true,
    });
    // Another shopper sees the vote counted, and none of my words as theirs.
    expect(expectStatus(await mine(other.token), 200)).toEqual({
      average: 4,
      count: 1,
      myVote: null,
      myText: null,
      myTextPending: false,
    });
    expectError(
      await answer(client().products[":id"].rating.$get({ param: { id: product.id } })),
      401,
      "unauthenticated",
    );
  });

  it("shows a rating's text only once staff approve it", async () => {
    const product = await createProduct({ stock: 5 });
    const [shopper] = await createShoppers(1);
    await rate(shopper.token, product.id, 5, "Lovely and bright.");
    expect(await ratingsOf(product.id)).toEqual([]);
    const staff = await tokenFor(seedAdmin, "admin");
    const pending = await ratingQueue(staff);
    const mine = pending.find((r) => r.productId === product.id);
    expect(mine).toMatchObject({ text: "Lovely and bright.", vote: 5, approved: false });
    if (!mine) throw new Error(`no rating of ${product.id} awaits approval`);
    await moderate(staff, "ratings", mine.id, true);
    expect(await ratingsOf(product.id)).toEqual([expect.objectContaining({ vote: 5, text: "Lovely and bright." })]);
  });

  it("rejects votes outside 1..5, unknown products and anonymous voters", async () => {
    const product = await createProduct({ stock: 5 });
    const [shopper] = await createShoppers(1);
    for (const vote of [0, 6, 2.5]) expectError(await rate(shopper.token, product.id, vote), 400, "invalid_request");
    // A vote that is not a number: sent raw.
    expectError(
      await call(`/products/${product.id}/rating`, { method: "PUT", token: shopper.token, body: { vote: "5" } }),
      400,
      "invalid_request",
    );
    expectError(await rate(shopper.token, "00000000-0000-4000-8000-999999999999", 3), 404, "not_found");
    expectError(
      await answer(client().products[":id"].rating.$put({ param: { id: product.id }, json: { vote: 3 } })),
      401,
      "unauthenticated",
    );
    expectError(
      await answer(client().products[":id"].ratings.$get({ param: { id: "not-a-uuid" }, query: {} })),
      400,
      "invalid_request",
    );
  });
});

describe("comments", () => {
  it("takes suggestions and criticism, shown once approved; hidden again when unapproved", async () => {
    const product = await createProduct({ stock: 5 });
    const [shopper] = await createShoppers(1);
    const posted = expectStatus(
      await comment(shopper.token, { kind: "criticism", body: "The box arrived dented.", productId: product.id }),
      201,
    );
    expect(posted).toMatchObject({ id: expect.any(String), approved: false });
    expect(await commentsOf(product.id)).toEqual([]);
    const staff = await tokenFor(seedAdmin, "admin");
    await moderate(staff, "comments", posted.id, true);
    expect(await commentsOf(product.id)).toEqual([
      expect.objectContaining({ kind: "criticism", body: "The box arrived dented." }),
    ]);
    await moderate(staff, "comments", posted.id, false);
    expect(await commentsOf(product.id)).toEqual([]);
    expect((await comment(shopper.token, { kind: "suggestion", body: "Sell gift cards." })).status).toBe(201);
    // A kind of comment there is none of: sent raw.
    expectError(
      await call("/comments", { token: shopper.token, body: { kind: "praise", body: "x" } }),
      400,
      "invalid_request",
    );
    expectError(await comment(shopper.token, { kind: "suggestion", body: "" }), 400, "invalid_request");
    expectError(await moderate(staff, "comments", "00000000-0000-4000-8000-999999999999", true), 404, "not_found");
  });
});

describe("the wishlist", () => {
  it("adds, lists with current price and stock, moves to the cart and removes", async () => {
    const [shopper] = await createShoppers(1);
    const product = await createProduct({ stock: 3, price: 2_000, discount: 200, shipping: 100 });
    const shop = () => client({ token: shopper.token });
    const param = { productId: product.id };
    const added = expectStatus(await answer(shop().wishlist[":productId"].$put({ param })), 200);
    expect(added.items).toEqual([
      expect.objectContaining({
        productId: product.id,
        unitPrice: 1_800,
        actualPrice: 1_900,
        stockQty: 3,
        inStock: true,
      }),
    ]);
    await answer(shop().wishlist[":productId"].$put({ param }));
    expect(expectStatus(await answer(shop().wishlist.$get()), 200).items).toHaveLength(1);
    await withServices(({ db }) =>
      db.execute(sql`UPDATE product_variants SET price = 2500 WHERE product_id = ${product.id}`),
    );
    expect(expectStatus(await answer(shop().wishlist.$get()), 200).items[0].unitPrice).toBe(2_300);

    const moved = expectStatus(await answer(shop().wishlist[":productId"]["move-to-cart"].$post({ param })), 200);
    expect(moved.items).toEqual([]);
    expect(expectStatus(await answer(shop().cart.$get()), 200).items).toEqual([
      expect.objectContaining({ productId: product.id, quantity: 1 }),
    ]);
    expectError(await answer(shop().wishlist[":productId"].$delete({ param })), 404, "not_found");
    expectError(
      await answer(
        shop().wishlist[":productId"].$put({ param: { productId: "00000000-0000-4000-8000-999999999999" } }),
      ),
      404,
      "not_found",
    );
    expectError(await answer(client().wishlist.$get()), 401, "unauthenticated");
  });

  it("refuses to move more than the stock into the cart", async () => {
    const [shopper] = await createShoppers(1);
    const product = await createProduct({ stock: 1 });
    await setLine(shopper.token, product.id, 1);
    const param = { productId: product.id };
    await answer(client({ token: shopper.token }).wishlist[":productId"].$put({ param }));
    expectError(
      await answer(client({ token: shopper.token }).wishlist[":productId"]["move-to-cart"].$post({ param })),
      409,
      "insufficient_stock",
    );
  });
});

describe("reports", () => {
  const staff = async () => client({ token: await tokenFor(seedAdmin, "admin") });
  const seeded = new Set(seedProducts.map((p) => p.id));
  const seedVariants = seedProducts.flatMap((p) => p.variants);

  it("lists out-of-stock variants and stock left per variant and in total", async () => {
    const out = expectStatus(
      await answer((await staff()).admin.reports["out-of-stock"].$get({ query: { limit: "100" } })),
      200,
    );
    const soldOut = seedVariants.filter((v) => v.stockQty === 0).map((v) => v.sku);
    expect(soldOut.length).toBeGreaterThan(2);
    expect(
      out.items
        .filter((row) => seeded.has(row.product.id))
        .map((row) => row.variant.sku)
        .sort(),
    ).toEqual(soldOut.sort());
    expect(out.items.every((row) => row.variant.stockQty === 0)).toBe(true);
    const items: StockLeft["items"] = [];
    let totalStock = 0;
    for (let cursor: string | null = null, first = true; first || cursor; first = false) {
      const query: { limit: string; cursor?: string } = cursor ? { limit: "100", cursor } : { limit: "100" };
      const left = expectStatus(await answer((await staff()).admin.reports["stock-left"].$get({ query })), 200);
      items.push(...left.items);
      totalStock = left.totalStock;
      cursor = left.nextCursor;
    }
    // Other suites add products meanwhile, so the total is at least what the pages listed of the seed.
    const seededStock = seedVariants.reduce((sum, v) => sum + v.stockQty, 0);
    expect(totalStock).toBeGreaterThanOrEqual(seededStock);
    expect(new Set(items.map((i) => i.variant.id)).size).toBe(items.length);
    for (const v of seedVariants) {
      expect(items.find((i) => i.variant.id === v.id)).toMatchObject({
        product: { id: v.productId },
        variant: { sku: v.sku, title: v.title, stockQty: v.stockQty },
      });
    }
  });

  it("lists variants under a threshold given as a parameter, and rejects a bad threshold", async () => {
    const low = expectStatus(
      await answer((await staff()).admin.reports["low-stock"].$get({ query: { threshold: "5", limit: "100" } })),
      200,
    );
    const expected = seedVariants
      .filter((v) => v.stockQty < 5)
      .map((v) => v.sku)
      .sort();
    expect(
      low.items
        .filter((row) => seeded.has(row.product.id))
        .map((row) => row.variant.sku)
        .sort(),
    ).toEqual(expected);
    expect(expected).toEqual(expect.arrayContaining(["ATLAS-GAMING-LAPTOP", "ATLAS-TRAIL-WATCH-42-MM"]));
    // An invalid threshold in the query string: sent raw.
    const token = await tokenFor(seedAdmin, "admin");
    expectError(await call("/admin/reports/low-stock?threshold=-1", { token }), 400, "invalid_request");
    // Without a threshold, each variant's own low-stock threshold applies (see query-params.test.ts).
    expect((await answer((await staff()).admin.reports["low-stock"].$get({ query: {} }))).status).toBe(200);
  });

  it("averages ratings per product and ranks the highest rated", async () => {
    const [p1, p2] = [await createProduct({ stock: 1 }), await createProduct({ stock: 1 })];
    const voters = await createShoppers(3);
    for (const [i, v] of voters.entries()) {
      await rate(v.token, p1.id, [5, 5, 4][i]);
      await rate(v.token, p2.id, [3, 2, 2][i]);
    }
    const ratings = expectStatus(
      await answer((await staff()).admin.reports["product-ratings"].$get({ query: { limit: "100" } })),
      200,
    );
    expect(ratings.items.find((r) => r.id === p1.id)).toMatchObject({ average: 4.67, count: 3 });
    expect(ratings.items.find((r) => r.id === p2.id)).toMatchObject({ average: 2.33, count: 3 });
    const top = expectStatus(
      await answer((await staff()).admin.reports["highest-rated"].$get({ query: { limit: "100", minVotes: "3" } })),
      200,
    );
    const ids = top.items.map((r) => r.id);
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
    const revenue = async (query: { from: string; to: string; bucket?: "day" }) =>
      answer((await staff()).admin.reports.revenue.$get({ query }));
    const report = expectStatus(await revenue({ from: "1999-03-01", to: "1999-03-04", bucket: "day" }), 200);
    expect(report.items).toEqual([
      { day: "1999-03-01", orders: 2, paidOrders: 2, revenue: 1_090 + 2_500 },
      { day: "1999-03-02", orders: 0, paidOrders: 0, revenue: 0 },
      { day: "1999-03-03", orders: 1, paidOrders: 0, revenue: 0 },
    ]);
    expectError(await revenue({ from: "1999-03-04", to: "1999-03-01" }), 400, "invalid_request");
    // A day that is no date in the query string: sent raw.
    expectError(
      await call("/admin/reports/revenue?from=yesterday&to=1999-03-01", { token: await tokenFor(seedAdmin, "admin") }),
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
      return expectStatus(await checkoutAs(shopper.token), 201).id;
    };
    const paid = await order(buyer);
    const started = await startPaymentAs(buyer.token, paid);
    await pressSandboxButton(started.authority, "success");
    const canceled = await order(canceler);
    await answer(client({ token: canceler.token }).orders[":id"].cancel.$post({ param: { id: canceled } }));

    await rate(buyer.token, product.id, 5, "Bought it, love it.");
    await rate(browser.token, product.id, 1, "Never had it, hate it.");
    await rate(canceler.token, product.id, 2, "Changed my mind.");
    const queue = await ratingQueue(staff);
    const mine = queue.filter((r) => r.productId === product.id);
    expect(Object.fromEntries(mine.map((r) => [r.text, r.verifiedPurchase]))).toEqual({
      "Bought it, love it.": true,
      "Never had it, hate it.": false,
      "Changed my mind.": false,
    });
    for (const rating of mine) await moderate(staff, "ratings", rating.id, true);
    const published = await ratingsOf(product.id);
    expect(Object.fromEntries(published.map((r) => [r.text, r.verifiedPurchase]))).toEqual({
      "Bought it, love it.": true,
      "Never had it, hate it.": false,
      "Changed my mind.": false,
    });
  });

  it(`limits comments to ${limits.commentPerUser[0]} an hour per shopper (429 with Retry-After), others unaffected`, async () => {
    const [chatty, quiet] = await createShoppers(2);
    const post = (token: string, i: number) => comment(token, { kind: "suggestion", body: `Idea number ${i}` });
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
    for (const kind of ["ratings", "comments"] as const) {
      const pending = kind === "ratings" ? await ratingQueue(staff) : await commentQueue(staff);
      for (const entry of pending.filter((e) => e.productId === productId)) await moderate(staff, kind, entry.id, true);
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
    await comment(phoneToken, { kind: "suggestion", body: "More colours.", productId: product.id });
    await approveAll(product.id);

    const param = { id: product.id };
    const published = JSON.stringify([
      (await answer(client().products[":id"].ratings.$get({ param, query: {} }))).body,
      (await answer(client().products[":id"].comments.$get({ param, query: {} }))).body,
    ]);
    expect(published).not.toContain(phoneUser);
    expect(published).not.toContain(phoneUser.slice(1));
    expect(published).not.toContain(emailLocal);

    const named = await answer(client({ token: emailToken }).me.$patch({ json: { displayName: "Grace H." } }));
    expect(expectStatus(named, 200).displayName).toBe("Grace H.");
    // Read signed in, past the edge cache (anonymous readers see the name once their cached page expires).
    const ratings = await ratingsOf(product.id, phoneToken);
    expect(ratings.find((r) => r.text === "Solid.")?.author).toBe("Grace H.");
    expect(ratings.find((r) => r.text === "Great value.")?.author).toMatch(/^Shopper [0-9A-F]{4}$/);
  });

  it("refuses a display name that is an email address or a phone number, or empty, or over 40 characters", async () => {
    const [shopper] = await createShoppers(1);
    for (const displayName of ["me@example.com", "+1 415 555 0199", "0912 345 6789", "", "x".repeat(41)]) {
      const result = await answer(client({ token: shopper.token }).me.$patch({ json: { displayName } }));
      expectError(result, 400, "invalid_request");
      expect(JSON.stringify(expectStatus(result, 400).error.details)).toContain("displayName");
    }
    expectError(await answer(client().me.$patch({ json: { displayName: "Ann" } })), 401, "unauthenticated");
  });
});

describe("changing one's stars", () => {
  it("keeps an approved review's text and approval when the vote changes without text or with the same text", async () => {
    const product = await createProduct({ stock: 5 });
    const [shopper] = await createShoppers(1);
    await rate(shopper.token, product.id, 5, "Lovely and bright.");
    const staff = await tokenFor(seedAdmin, "admin");
    const pending = await ratingQueue(staff);
    const mine = pending.find((r) => r.productId === product.id);
    if (!mine) throw new Error(`no rating of ${product.id} awaits approval`);
    await moderate(staff, "ratings", mine.id, true);

    expect((await rate(shopper.token, product.id, 4)).body).toMatchObject({ myVote: 4 });
    expect(await ratingsOf(product.id)).toEqual([expect.objectContaining({ vote: 4, text: "Lovely and bright." })]);
    // The review form sends the words back as they were with new stars: still approved.
    expect((await rate(shopper.token, product.id, 5, "Lovely and bright.")).body).toMatchObject({
      myTextPending: false,
    });
    expect(await ratingsOf(product.id, shopper.token)).toEqual([
      expect.objectContaining({ vote: 5, text: "Lovely and bright." }),
    ]);

    // New text awaits approval again (read signed in, past the edge cache of anonymous reads).
    await rate(shopper.token, product.id, 3, "Dimmer than I thought.");
    expect(await ratingsOf(product.id, shopper.token)).toEqual([]);
    const queue = await ratingQueue(staff);
    expect(queue.find((r) => r.productId === product.id)).toMatchObject({
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
      const reports = client({ token: await tokenFor(seedAdmin, "admin") }).admin.reports;
      const left = expectStatus(await answer(reports["stock-left"].$get({ query: { limit: "2" } })), 200);
      expect(left.totalStock).toBeGreaterThan(4_294_966_000);
      expect(left.items).toHaveLength(2);
      expect(left.nextCursor).toEqual(expect.any(String));
      const next = expectStatus(
        await answer(reports["stock-left"].$get({ query: { limit: "2", cursor: left.nextCursor ?? undefined } })),
        200,
      );
      expect(next.items.map((i) => i.variant.id)).not.toContain(left.items[0].variant.id);
      const query = { limit: "1" };
      const pages = {
        "out-of-stock": () => answer(reports["out-of-stock"].$get({ query })),
        "low-stock": () => answer(reports["low-stock"].$get({ query })),
        "product-ratings": () => answer(reports["product-ratings"].$get({ query })),
        "highest-rated": () => answer(reports["highest-rated"].$get({ query })),
      };
      for (const [report, read] of Object.entries(pages)) {
        const page = await read();
        expect(page.status, report).toBe(200);
        const body = expectStatus(page, 200);
        expect(body.items.length, report).toBeLessThanOrEqual(1);
        expect(body, report).toHaveProperty("nextCursor");
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
    const staff = client({ token: await tokenFor(seedAdmin, "admin") });
    const report = await answer(staff.admin.reports.revenue.$get({ query: { from: "1998-07-01", to: "1998-07-02" } }));
    expect(expectStatus(report, 200).items).toEqual([
      { day: "1998-07-01", orders: 2, paidOrders: 2, revenue: 3_000_000_000 },
    ]);
  });
});

describe("one name for each field", () => {
  it("calls a comment's words `body` in the moderation queue too, and a rating's `text`", async () => {
    const product = await createProduct({ stock: 5 });
    const [shopper] = await createShoppers(1);
    await comment(shopper.token, { kind: "suggestion", body: "Gift wrap?", productId: product.id });
    await rate(shopper.token, product.id, 4, "Nice.");
    const staff = await tokenFor(seedAdmin, "admin");
    const comments = await commentQueue(staff);
    expect(comments.find((c) => c.productId === product.id)).toMatchObject({
      kind: "suggestion",
      body: "Gift wrap?",
    });
    expect(comments.find((c) => c.productId === product.id)).not.toHaveProperty("text");
    const ratings = await ratingQueue(staff);
    expect(ratings.find((r) => r.productId === product.id)).toMatchObject({ vote: 4, text: "Nice." });
    expect(ratings.find((r) => r.productId === product.id)).not.toHaveProperty("body");
  });
});
