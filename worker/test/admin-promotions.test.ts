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
  expectError,
  seedAdmin,
  setLine,
  tokenFor,
  withServices,
} from "../../test/support/shop.ts";

/*
 * Promotions made here never reach another test's cart: automatic ones target this file's own
 * products, and the rest are by code (they apply only where their code is given).
 */

type Admin = ReturnType<typeof client>["admin"];
type PromotionBody = InferRequestType<Admin["promotions"]["$post"]>["json"];
type PreviewBody = InferRequestType<Admin["promotions"]["preview"]["$post"]>["json"];

const promotionsApi = async () => client({ token: await tokenFor(seedAdmin, "admin") }).admin.promotions;
const byCode: PromotionBody = {
  name: "Ten off",
  method: "code",
  kind: "order",
  action: { type: "fixed", amount: 1_000 },
};

async function define(body: Partial<PromotionBody> = {}) {
  const json = { ...byCode, name: `Promo ${crypto.randomUUID().slice(0, 8)}`, ...body } as PromotionBody;
  return expectStatus(await answer((await promotionsApi()).$post({ json })), 201);
}
const change = async (id: string, json: InferRequestType<Admin["promotions"][":id"]["$patch"]>["json"]) =>
  answer((await promotionsApi())[":id"].$patch({ param: { id }, json }));
const generate = async (id: string, json: { count: number; prefix?: string; usageLimit?: number | null }) =>
  answer((await promotionsApi())[":id"].codes.$post({ param: { id }, json }));
const preview = async (json: PreviewBody) =>
  expectStatus(await answer((await promotionsApi()).preview.$post({ json })), 200);

const sha256 = async (text: string) =>
  [...new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)))]
    .map((b) => b.toString(16).padStart(2, "0"))
    .join("");
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const query = <T extends Record<string, unknown>>(statement: ReturnType<typeof sql>) =>
  withServices(async ({ db }) => (await db.execute<T>(statement)).rows);

describe("defining promotions", () => {
  it("creates one with its defaults, state and counts, and records it in the audit log", async () => {
    const created = await define({
      method: "automatic",
      kind: "item",
      action: { type: "percent", percent: 15, target: { productIds: [(await createProduct()).id] } },
      conditions: { minSubtotal: 2_000 },
    });
    expect(created).toMatchObject({
      method: "automatic",
      kind: "item",
      status: "active",
      state: "live",
      startsAt: null,
      endsAt: null,
      priority: 0,
      combinesWith: [],
      usageLimit: null,
      usedCount: 0,
      discountGiven: 0,
      codeCount: 0,
      conditions: { minSubtotal: 2_000 },
    });
    const got = expectStatus(await answer((await promotionsApi())[":id"].$get({ param: { id: created.id } })), 200);
    expect(got).toEqual(created);
    const audit = await query<{ action: string }>(
      sql`SELECT action FROM audit_log WHERE entity = 'promotion' AND entity_id = ${created.id}`,
    );
    expect(audit.map((a) => a.action)).toEqual(["promotion.create"]);
  });

  it.each([
    [
      "a shipping promotion that is not free shipping",
      "action.type",
      { kind: "shipping", action: { type: "percent", percent: 10 } },
    ],
    ["free shipping on items", "kind", { kind: "item", action: { type: "free_shipping" } }],
    [
      "buy X get Y on the order",
      "action.type",
      { kind: "order", action: { type: "bxgy", buy: {}, buyQuantity: 2, get: {}, getQuantity: 1, percent: 100 } },
    ],
    [
      "an order percent with a target",
      "action.type",
      { kind: "order", action: { type: "percent", percent: 10, target: { categoryIds: [crypto.randomUUID()] } } },
    ],
    [
      "a fixed price for every line",
      "action.target",
      { kind: "item", action: { type: "fixed_price", price: 100, target: {} } },
    ],
    ["0 %", "action.percent", { kind: "order", action: { type: "percent", percent: 0 } }],
    ["101 %", "action.percent", { kind: "order", action: { type: "percent", percent: 101 } }],
    ["an amount in fractions of a cent", "action.amount", { action: { type: "fixed", amount: 10.5 } }],
    ["an amount beyond the money limit", "action.amount", { action: { type: "fixed", amount: 1_000_000_001 } }],
    ["an end before the start", "endsAt", { startsAt: inDays(2), endsAt: inDays(1) }],
    ["an end that is no instant", "endsAt", { endsAt: "next tuesday" }],
    ["a kind twice in combinesWith", "combinesWith", { combinesWith: ["item", "item"] }],
    ["a kind that does not exist in combinesWith", "combinesWith.1", { combinesWith: ["item", "gift"] }],
    ["a shared code on an automatic promotion", "code", { method: "automatic", code: "SPRING-2026" }],
  ])("refuses %s with 400, naming %s", async (_, path, override) => {
    // Raw: several of these bodies are of types the route's body forbids.
    const result = await call("/admin/promotions", {
      token: await tokenFor(seedAdmin, "admin"),
      body: { ...byCode, ...override },
    });
    expect(expectError(result, 400, "invalid_request").error.details).toEqual([expect.objectContaining({ path })]);
  });

  it("checks a change against the promotion as it becomes, naming the field", async () => {
    const promotion = await define({ startsAt: inDays(1) });
    const badKind = await change(promotion.id, { kind: "shipping" });
    expect(expectError(badKind, 400, "invalid_request").error.details).toEqual([
      expect.objectContaining({ path: "action.type" }),
    ]);
    const badEnd = await change(promotion.id, { endsAt: inDays(0.5) });
    expect(expectError(badEnd, 400, "invalid_request").error.details).toEqual([
      expect.objectContaining({ path: "endsAt" }),
    ]);
    await withServices(({ db }) => db.execute(sql`UPDATE promotions SET used_count = 3 WHERE id = ${promotion.id}`));
    expect(expectError(await change(promotion.id, { usageLimit: 2 }), 400, "invalid_request").error.details).toEqual([
      expect.objectContaining({ path: "usageLimit" }),
    ]);
    expectError(await change(crypto.randomUUID(), { name: "Nobody" }), 404, "not_found");
    const fine = expectStatus(await change(promotion.id, { endsAt: inDays(3), usageLimit: 3 }), 200);
    expect(fine).toMatchObject({ kind: "order", usageLimit: 3, state: "used_up" });
  });

  it("keeps shoppers out and lets staff in", async () => {
    const [shopper, staff] = await createShoppers(2);
    await withServices(({ db }) => db.execute(sql`UPDATE users SET role = 'staff' WHERE id = ${staff.id}`));
    const asShopper = client({ token: shopper.token }).admin.promotions;
    expectError(await answer(asShopper.$get({ query: {} })), 403, "forbidden");
    expectError(await answer(asShopper.$post({ json: byCode })), 403, "forbidden");
    expectError(await answer(asShopper.preview.$post({ json: { promotion: byCode, items: [] } })), 403, "forbidden");
    expectError(
      await answer(
        client({ token: shopper.token }).admin.reports.promotions.$get({
          query: { from: "2026-01-01", to: "2026-01-02" },
        }),
      ),
      403,
      "forbidden",
    );
    // Raw: no token at all.
    expectError(await call("/admin/promotions"), 401, "unauthenticated");
    const asStaff = client({ token: await tokenFor(staff, "staff") }).admin.promotions;
    expect((await answer(asStaff.$get({ query: {} }))).status).toBe(200);
  });
});

describe("pausing, scheduling and copying", () => {
  it("pauses and resumes; each state is computed on the server's clock", async () => {
    const live = await define();
    const paused = expectStatus(await change(live.id, { status: "paused" }), 200);
    expect(paused).toMatchObject({ status: "paused", state: "paused" });
    expect(expectStatus(await change(live.id, { status: "active" }), 200)).toMatchObject({ state: "live" });
    expect((await define({ startsAt: inDays(1) })).state).toBe("scheduled");
    expect((await define({ startsAt: inDays(-2), endsAt: inDays(-1) })).state).toBe("ended");
    const limited = await define({ usageLimit: 1 });
    await withServices(({ db }) => db.execute(sql`UPDATE promotions SET used_count = 1 WHERE id = ${limited.id}`));
    const listed = expectStatus(await answer((await promotionsApi()).$get({ query: { method: "code" } })), 200);
    expect(listed.items.find((p) => p.id === limited.id)?.state).toBe("used_up");
    const audit = await query<{ action: string }>(
      sql`SELECT action FROM audit_log WHERE entity_id = ${live.id} ORDER BY created_at, id`,
    );
    expect(audit.map((a) => a.action)).toEqual(["promotion.create", "promotion.update", "promotion.update"]);
  });

  it("lists newest first, by status and method, a page at a time", async () => {
    const name = `Paged ${crypto.randomUUID().slice(0, 8)}`;
    const mine = [];
    for (let i = 0; i < 3; i++) mine.push(await define({ name, status: "paused" }));
    await define({ name, status: "active" });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = expectStatus(
        await answer(
          (await promotionsApi()).$get({
            query: { status: "paused", method: "code", limit: "2", ...(cursor ? { cursor } : {}) },
          }),
        ),
        200,
      );
      expect(page.items.every((p) => p.status === "paused" && p.method === "code")).toBe(true);
      seen.push(...page.items.filter((p) => p.name === name).map((p) => p.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(mine.map((p) => p.id).reverse());
  });

  it("duplicates as a paused copy with its terms, no uses and no codes", async () => {
    const original = await define({
      code: `COPY-${crypto.randomUUID().slice(0, 8)}`,
      usageLimit: 50,
      combinesWith: ["item"],
    });
    await withServices(({ db }) =>
      db.execute(sql`UPDATE promotions SET used_count = 3, discount_given = 3000 WHERE id = ${original.id}`),
    );
    const copy = expectStatus(
      await answer((await promotionsApi())[":id"].duplicate.$post({ param: { id: original.id } })),
      201,
    );
    expect(copy).toMatchObject({
      name: `${original.name} (copy)`,
      status: "paused",
      state: "paused",
      method: "code",
      kind: original.kind,
      action: original.action,
      usageLimit: 50,
      combinesWith: ["item"],
      usedCount: 0,
      discountGiven: 0,
      codeCount: 0,
    });
    expect(copy.id).not.toBe(original.id);
    expectError(
      await answer((await promotionsApi())[":id"].duplicate.$post({ param: { id: crypto.randomUUID() } })),
      404,
      "not_found",
    );
  });
});

describe("codes", () => {
  it("generates unique codes once, in plain text, and stores only their hashes", async () => {
    const promotion = await define();
    const generated = await generate(promotion.id, { count: 5_000, prefix: "vip-" });
    expect(generated.headers.get("cache-control")).toBe("no-store");
    const { codes, usageLimit } = expectStatus(generated, 201);
    expect(usageLimit).toBe(1);
    expect(codes).toHaveLength(5_000);
    expect(new Set(codes).size).toBe(5_000);
    for (const code of codes) expect(code).toMatch(/^VIP-[A-HJ-NP-Z2-9]{12}$/);

    const stored = await query<{ code_hash: string; hint: string; usage_limit: number }>(
      sql`SELECT code_hash, hint, usage_limit FROM promotion_codes WHERE promotion_id = ${promotion.id}`,
    );
    expect(stored).toHaveLength(5_000);
    const plain = new Set(codes);
    expect(stored.some((row) => plain.has(row.code_hash) || plain.has(row.hint))).toBe(false);
    const sample = codes.slice(0, 20);
    const hashes = new Set(stored.map((row) => row.code_hash));
    for (const code of sample) expect(hashes.has(await sha256(code))).toBe(true);
    expect(new Set(stored.map((row) => row.hint))).toContain(`${sample[0].slice(0, 2)}…${sample[0].slice(-2)}`);

    const listed = expectStatus(
      await answer((await promotionsApi())[":id"].codes.$get({ param: { id: promotion.id }, query: { limit: "100" } })),
      200,
    );
    expect(listed.items).toHaveLength(100);
    expect(Object.keys(listed.items[0]).sort()).toEqual(["createdAt", "hint", "id", "usageLimit", "usedCount"]);
    expect(listed.items[0]).toMatchObject({ usageLimit: 1, usedCount: 0, hint: expect.stringMatching(/^VI….{2}$/) });
    expect(codes.some((code) => JSON.stringify(listed).includes(code))).toBe(false);
    const got = expectStatus(await answer((await promotionsApi())[":id"].$get({ param: { id: promotion.id } })), 200);
    expect(got.codeCount).toBe(5_000);
  });

  it("keeps a shared code hashed, refuses it twice, and gives codes only to promotions by code", async () => {
    const code = `Spring-${crypto.randomUUID().slice(0, 8)}`;
    const promotion = await define({ code });
    const [stored] = await query<{ code_hash: string; hint: string }>(
      sql`SELECT code_hash, hint FROM promotion_codes WHERE promotion_id = ${promotion.id}`,
    );
    expect(stored).toEqual({ code_hash: await sha256(code.toUpperCase()), hint: `SP…${code.slice(-2).toUpperCase()}` });
    const name = `Twice ${crypto.randomUUID()}`;
    const again = await answer(
      (await promotionsApi()).$post({ json: { ...byCode, name, code: ` ${code.toLowerCase()} ` } }),
    );
    expectError(again, 409, "conflict");
    expect(await query(sql`SELECT 1 FROM promotions WHERE name = ${name}`)).toEqual([]);

    const automatic = await define({
      method: "automatic",
      kind: "item",
      action: { type: "fixed_price", price: 1, target: { productIds: [crypto.randomUUID()] } },
    });
    expectError(await generate(automatic.id, { count: 1 }), 409, "conflict");
    expectError(await generate(promotion.id, { count: 5_001 }), 400, "invalid_request");
    expectError(await generate(crypto.randomUUID(), { count: 1 }), 404, "not_found");
  });
});

/** A category and a brand of this test's own, with products in them. */
async function catalog() {
  const [a, b, d] = [
    await createProduct({ stock: 10, price: 1_000 }),
    await createProduct({ stock: 10, price: 2_550 }),
    await createProduct({ stock: 10, price: 500 }),
  ];
  const slug = `promo-${crypto.randomUUID()}`;
  const [category] = await query<{ id: string }>(sql`
    WITH c AS (INSERT INTO categories (slug, name) VALUES (${slug}, ${slug}) RETURNING id)
    UPDATE products SET category_id = (SELECT id FROM c) WHERE id IN (${a.id}, ${b.id}) RETURNING category_id AS id`);
  return { a, b, d, categoryId: category.id };
}

describe("POST /admin/promotions/preview", () => {
  it("prices a sample cart with the draft among the live automatic promotions, to the cent", async () => {
    const { a, b, d, categoryId } = await catalog();
    // Live: buy 2 get 1 free on d, which goes with an order promotion.
    const bxgy = await define({
      name: "Three for two",
      method: "automatic",
      kind: "item",
      combinesWith: ["order"],
      action: {
        type: "bxgy",
        buy: { productIds: [d.id] },
        buyQuantity: 2,
        get: { productIds: [d.id] },
        getQuantity: 1,
        percent: 100,
      },
    });
    const items = [
      { variantId: a.variantId, quantity: 2 },
      { variantId: b.variantId, quantity: 1 },
      { variantId: d.variantId, quantity: 3 },
    ];
    const twentyOff: PreviewBody["promotion"] = {
      name: "20 % off the category",
      method: "automatic",
      kind: "item",
      priority: 10,
      action: { type: "percent", percent: 20, target: { categoryIds: [categoryId] } },
    };
    const discountOf = (answer: Awaited<ReturnType<typeof preview>>, variantId: string) =>
      answer.items.find((item) => item.variantId === variantId)?.discount;

    // On lines of their own, both item promotions apply: 20 % of 2,000 + 2,550, and the cheapest of three 5.00 units free.
    const first = await preview({ promotion: twentyOff, items });
    expect(first).toMatchObject({
      subtotal: 6_050,
      discount: 1_410,
      shipping: 0,
      shippingDiscount: 0,
      currency: "USD",
    });
    expect(first.promotions).toEqual([
      { id: "draft", name: "20 % off the category", kind: "item", amount: 910, shipping: 0, draft: true },
      { id: bxgy.id, name: "Three for two", kind: "item", amount: 500, shipping: 0, draft: false },
    ]);
    expect([discountOf(first, a.variantId), discountOf(first, b.variantId), discountOf(first, d.variantId)]).toEqual([
      400, 510, 500,
    ]);

    // On the same line, neither stacking with item promotions: the higher priority alone.
    const onD: PreviewBody["promotion"] = {
      ...twentyOff,
      action: { type: "percent", percent: 20, target: { productIds: [d.id] } },
    };
    const above = await preview({ promotion: onD, items });
    expect(above.promotions.map((p) => [p.id, p.amount])).toEqual([["draft", 300]]);
    const below = await preview({ promotion: { ...onD, priority: -10 }, items });
    expect(below.promotions.map((p) => [p.id, p.amount])).toEqual([[bxgy.id, 500]]);
    // Editing the live one: its saved version gives way to the draft.
    const editing = await preview({ promotion: { ...onD, priority: -10 }, promotionId: bxgy.id, items });
    expect(editing.promotions).toEqual([expect.objectContaining({ id: bxgy.id, draft: true, amount: 300 })]);
    expect(editing.discount).toBe(300);

    // An order promotion goes on after it: 10 % of what is left (6,050 − 500), shared by line.
    const both = await preview({
      promotion: {
        name: "10 % off",
        method: "code",
        kind: "order",
        combinesWith: ["item"],
        action: { type: "percent", percent: 10 },
      },
      items,
    });
    expect(both.promotions.map((p) => [p.name, p.amount])).toEqual([
      ["Three for two", 500],
      ["10 % off", 555],
    ]);
    expect(both.discount).toBe(1_055);
    expect([discountOf(both, a.variantId), discountOf(both, b.variantId), discountOf(both, d.variantId)]).toEqual([
      200, 255, 600,
    ]);

    // Free shipping goes with nothing here: after the live item promotion it does not apply; without d it does.
    const freeShipping: PreviewBody["promotion"] = {
      name: "Free shipping",
      method: "automatic",
      kind: "shipping",
      action: { type: "free_shipping" },
    };
    const blocked = await preview({ promotion: freeShipping, items, shipping: 700 });
    expect(blocked).toMatchObject({ shipping: 700, shippingDiscount: 0, discount: 500 });
    const shipping = await preview({ promotion: freeShipping, items: items.slice(0, 2), shipping: 700 });
    expect(shipping).toMatchObject({ subtotal: 4_550, discount: 0, shipping: 700, shippingDiscount: 700 });
    expect(shipping.promotions).toEqual([
      { id: "draft", name: "Free shipping", kind: "shipping", amount: 0, shipping: 700, draft: true },
    ]);

    const unknown = await answer(
      (await promotionsApi()).preview.$post({
        json: { promotion: twentyOff, items: [{ variantId: crypto.randomUUID(), quantity: 1 }] },
      }),
    );
    expect(expectError(unknown, 400, "invalid_request").error.details).toEqual([
      expect.objectContaining({ path: "items.0.variantId" }),
    ]);
    const promotionsAfter = await query(sql`SELECT 1 FROM promotions WHERE name = '20 % off the category'`);
    expect(promotionsAfter).toEqual([]);
  });
});

describe("GET /admin/reports/promotions", () => {
  it("counts the uses and discount of orders placed in the period, less those canceled orders gave back", async () => {
    const promotion = await define({ action: { type: "fixed", amount: 300 } });
    const { codes } = expectStatus(await generate(promotion.id, { count: 2 }), 201);
    const product = await createProduct({ stock: 10, price: 2_000 });
    const orders = [];
    for (const [shopper, code] of (await createShoppers(2)).map((s, i) => [s, codes[i]] as const)) {
      await setLine(shopper.token, product.id, 1);
      const order = expectStatus(await checkoutAs(shopper.token, { couponCode: code, shippingAddress: address }), 201);
      expect(order.discount).toBe(300);
      orders.push({ shopper, order });
    }
    const [, second] = orders;
    const canceled = await answer(
      client({ token: second.shopper.token }).orders[":id"].cancel.$post({ param: { id: second.order.id } }),
    );
    expect(canceled.status).toBe(200);

    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = inDays(1).slice(0, 10);
    const reports = client({ token: await tokenFor(seedAdmin, "admin") }).admin.reports;
    const report = expectStatus(await answer(reports.promotions.$get({ query: { from: today, to: tomorrow } })), 200);
    expect(report.items.find((row) => row.promotionId === promotion.id)).toEqual({
      promotionId: promotion.id,
      name: promotion.name,
      method: "code",
      kind: "order",
      uses: 1,
      discount: 300,
      shippingDiscount: 0,
    });
    const before = expectStatus(
      await answer(reports.promotions.$get({ query: { from: "2020-01-01", to: "2020-02-01" } })),
      200,
    );
    expect(before.items.find((row) => row.promotionId === promotion.id)).toBeUndefined();
    expectError(
      await answer(reports.promotions.$get({ query: { from: tomorrow, to: today } })),
      400,
      "invalid_request",
    );

    const codesListed = expectStatus(
      await answer((await promotionsApi())[":id"].codes.$get({ param: { id: promotion.id }, query: {} })),
      200,
    );
    expect(codesListed.items.map((c) => c.usedCount).sort()).toEqual([0, 1]);
  });
});

describe("a promotion once in use", () => {
  it("keeps how it applies and what it is on once used or given codes (409 naming the field); its other terms still change", async () => {
    const fresh = await define({ code: `FRESH-${crypto.randomUUID().slice(0, 8)}` });
    expectError(await change(fresh.id, { method: "automatic" }), 409, "conflict");
    // Paused: an automatic promotion live in the shared test database would price other files' carts.
    const used = await define({ method: "automatic", status: "paused" });
    await withServices(({ db }) => db.execute(sql`UPDATE promotions SET used_count = 1 WHERE id = ${used.id}`));
    const refused = expectError(await change(used.id, { kind: "item" }), 409, "conflict");
    expect(refused.error.details).toEqual([{ path: "kind", message: "fixed once used or given codes" }]);
    expect(expectStatus(await change(used.id, { name: "Renamed" }), 200).name).toBe("Renamed");
    // Unused and without codes: anything may change.
    const open = await define({ method: "automatic", status: "paused" });
    expect(
      expectStatus(await change(open.id, { kind: "item", action: { type: "fixed", amount: 500 } }), 200).kind,
    ).toBe("item");
  });

  it("previews an edited promotion with what it already gave taken out of its budget", async () => {
    const product = await createProduct({ stock: 5, price: 10_000 });
    const body = {
      name: `Budget ${crypto.randomUUID().slice(0, 8)}`,
      method: "automatic" as const,
      kind: "item" as const,
      status: "paused" as const,
      budget: 3_000,
      action: { type: "percent" as const, percent: 20, target: { productIds: [product.id] } },
    };
    const saved = await define(body);
    // 2,000 off this cart fits the whole budget, not what is left of it once 1,500 were given.
    const items = [{ variantId: product.variantId, quantity: 1 }];
    expect((await preview({ promotion: body, items, promotionId: saved.id })).discount).toBe(2_000);
    await withServices(({ db }) => db.execute(sql`UPDATE promotions SET discount_given = 1500 WHERE id = ${saved.id}`));
    expect((await preview({ promotion: body, items, promotionId: saved.id })).discount).toBe(0);
  });
});
