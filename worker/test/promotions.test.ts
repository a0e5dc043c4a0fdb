import { env } from "cloudflare:workers";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { answer, client, expectStatus } from "../../test/support/client.ts";
import {
  address,
  checkoutAs,
  createProduct,
  createShoppers,
  expectError,
  setLine,
  uniqueEmail,
  withActor,
  withServices,
} from "../../test/support/shop.ts";
import { runScheduledJobs } from "../jobs.ts";
import { checkout } from "../services/checkout.service.ts";

/*
 * The test database is shared by files running at once, so every promotion here is bound to this
 * test's own products (item promotions) or its own shoppers (order and shipping promotions).
 */

interface PromotionFields {
  name?: string;
  method?: "automatic" | "code";
  kind: "item" | "order" | "shipping";
  status?: "active" | "paused";
  startsAt?: string | null;
  endsAt?: string | null;
  priority?: number;
  combinesWith?: string[];
  usageLimit?: number | null;
  perCustomerLimit?: number | null;
  budget?: number | null;
  conditions?: Record<string, unknown>;
  action: Record<string, unknown>;
  code?: string;
}

async function definePromotion(fields: PromotionFields): Promise<string> {
  return withServices(async ({ db }) => {
    const result = await db.execute<{ id: string }>(sql`
      WITH p AS (
        INSERT INTO promotions (name, method, kind, status, starts_at, ends_at, priority, combines_with, usage_limit,
          per_customer_limit, budget, conditions, action)
        VALUES (${fields.name ?? "Test promotion"}, ${fields.method ?? "automatic"}, ${fields.kind},
          ${fields.status ?? "active"}, ${fields.startsAt ?? null}::timestamptz, ${fields.endsAt ?? null}::timestamptz,
          ${fields.priority ?? 0}, ${`{${(fields.combinesWith ?? []).join(",")}}`}::promotion_kind[],
          ${fields.usageLimit ?? null}::int, ${fields.perCustomerLimit ?? null}::int, ${fields.budget ?? null}::int,
          ${JSON.stringify(fields.conditions ?? {})}::jsonb, ${JSON.stringify(fields.action)}::jsonb)
        RETURNING id
      ), code AS (
        INSERT INTO promotion_codes (promotion_id, code_hash, hint)
        SELECT p.id, encode(sha256(convert_to(upper(${fields.code ?? ""}), 'UTF8')), 'hex'), 'test' FROM p
        WHERE ${fields.code ?? null}::text IS NOT NULL
      )
      SELECT id FROM p`);
    return result.rows[0].id;
  });
}

const promotionCounts = (id: string) =>
  withServices(async ({ db }) => {
    const result = await db.execute<{ used_count: number; discount_given: number; uses: number }>(sql`
      SELECT used_count, discount_given,
        (SELECT count(*)::int FROM promotion_uses WHERE promotion_id = p.id AND released_at IS NULL) AS uses
      FROM promotions p WHERE id = ${id}`);
    return result.rows[0];
  });

const cartOf = async (token: string) => expectStatus(await answer(client({ token }).cart.$get()), 200);
const setCode = async (token: string, code: string) =>
  expectStatus(await answer(client({ token }).cart.code.$put({ json: { code } })), 200);
const hoursFromNow = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

describe("promotions in the cart and at checkout", () => {
  it("applies a sale on some products and buy 2 get 1 free on another, the same on the cart, the quote and the order", async () => {
    const [shopper] = await createShoppers(1);
    const shoes = await createProduct({ stock: 20, price: 5_999 });
    const socks = await createProduct({ stock: 20, price: 1_000 });
    const endsAt = hoursFromNow(47);
    const sale = await definePromotion({
      name: "Weekend sale",
      kind: "item",
      startsAt: hoursFromNow(-1),
      endsAt,
      combinesWith: ["item", "order", "shipping"],
      action: { type: "percent", percent: 15, target: { productIds: [shoes.id] } },
    });
    await setLine(shopper.token, shoes.id, 1);
    await setLine(shopper.token, socks.id, 3);
    let cart = await cartOf(shopper.token);
    // One item promotion applies: 15 % of 59.99 = 9.00 (8.9985 rounded half up).
    expect(cart.discount).toBe(900);
    expect(cart.promotions).toEqual([
      { id: sale, name: "Weekend sale", kind: "item", amount: 900, shipping: 0, endsAt: expect.any(String) },
    ]);
    // Its end is when the cart's price changes next (the cart's room re-prices it then).
    expect(Date.parse(cart.promotionsChangeAt ?? "")).toBe(Date.parse(endsAt));

    // An item promotion on other lines applies beside it: buy 2 socks, get 1 free.
    const bxgy = await definePromotion({
      name: "Socks: buy 2 get 1",
      kind: "item",
      priority: 5,
      combinesWith: ["order", "shipping"],
      action: {
        type: "bxgy",
        buy: { productIds: [socks.id] },
        buyQuantity: 2,
        get: { productIds: [socks.id] },
        getQuantity: 1,
        percent: 100,
      },
    });
    cart = await cartOf(shopper.token);
    expect(cart.promotions?.map((p) => p.id)).toEqual([bxgy, sale]);
    expect(cart.items.map((item) => item.discount)).toEqual([900, 1_000]);

    const quoted = expectStatus(
      await answer(
        client({ token: shopper.token }).cart["shipping-options"].$get({
          query: { country: "US", postalCode: "12345" },
        }),
      ),
      200,
    );
    expect(quoted.summary.discount).toBe(1_900);
    const order = expectStatus(
      await checkoutAs(shopper.token, { shippingAddress: address, expectedTotal: quoted.summary.total }),
      201,
    );
    expect(order.total).toBe(quoted.summary.total);
    expect(order.discount).toBe(1_900);
    expect(order.promotions).toEqual([
      { id: bxgy, name: "Socks: buy 2 get 1", kind: "item", amount: 1_000, shipping: 0 },
      { id: sale, name: "Weekend sale", kind: "item", amount: 900, shipping: 0 },
    ]);
    const sockLine = order.items.find((item) => item.productId === socks.id);
    expect(sockLine).toMatchObject({ discountAmount: 1_000, promotionShares: [{ promotionId: bxgy, amount: 1_000 }] });
    expect(await promotionCounts(bxgy)).toEqual({ used_count: 1, discount_given: 1_000, uses: 1 });
    expect(await promotionCounts(sale)).toEqual({ used_count: 1, discount_given: 900, uses: 1 });
  });

  it("says why a code does not apply, keeps it on the cart, and applies it once the cart qualifies", async () => {
    const [shopper] = await createShoppers(1);
    const product = await createProduct({ stock: 20, price: 2_000 });
    const other = await createProduct({ stock: 20, price: 2_000 });
    const code = `SPRING-${crypto.randomUUID().slice(0, 8)}`;
    const promotion = await definePromotion({
      name: "Spring 10 % off",
      method: "code",
      kind: "order",
      combinesWith: ["item", "shipping"],
      conditions: { minSubtotal: 5_000, customer: { accountIds: [shopper.id] } },
      action: { type: "percent", percent: 10 },
      code,
    });
    const pants = await definePromotion({
      name: "Pants only",
      method: "code",
      kind: "item",
      action: { type: "percent", percent: 10, target: { productIds: [other.id] } },
      code: `${code}-PANTS`,
    });
    await setLine(shopper.token, product.id, 2);

    expect((await setCode(shopper.token, "NO-SUCH-CODE")).code).toMatchObject({
      applied: false,
      reason: "not_found",
      message: "This coupon code is not valid.",
    });
    expect((await setCode(shopper.token, `${code}-pants`)).code).toMatchObject({
      applied: false,
      reason: "not_for_these_products",
    });
    // Codes are compared without case or surrounding spaces.
    const short = await setCode(shopper.token, ` ${code.toLowerCase()} `);
    expect(short.code).toEqual({
      code: code.toLowerCase(),
      applied: false,
      reason: "needs_more",
      message: "Add $10.00 more to use this code.",
      details: { amount: 1_000 },
    });
    // The checkout's code field previews a promotion code as it previews a coupon, with the cart's reason.
    const preview = (typed: string) =>
      answer(client({ token: shopper.token }).coupons.preview.$post({ json: { code: typed } }));
    expect(expectError(await preview(code), 409, "coupon_invalid").error).toMatchObject({
      message: "Add $10.00 more to use this code.",
      details: { reason: "needs_more", amount: 1_000 },
    });
    // The code stays on the cart: adding to it applies the code with no other step.
    const qualified = expectStatus(await setLine(shopper.token, product.id, 3), 200);
    expect(qualified.code).toMatchObject({ applied: true, reason: null });
    expect(qualified.discount).toBe(600);
    expect(expectStatus(await preview(code), 200)).toMatchObject({ subtotal: 6_000, discount: 600 });

    const order = expectStatus(await checkoutAs(shopper.token), 201);
    expect(order.discount).toBe(600);
    expect(order.promotions?.map((p) => p.id)).toEqual([promotion]);
    expect(await promotionCounts(promotion)).toMatchObject({ used_count: 1, uses: 1 });
    expect(await promotionCounts(pants)).toMatchObject({ used_count: 0 });

    // A code named at checkout that does not apply is refused rather than silently dropped.
    await setLine(shopper.token, product.id, 1);
    const refused = await checkoutAs(shopper.token, { shippingAddress: address, couponCode: code });
    expect(expectError(refused, 409, "coupon_invalid").error.details).toMatchObject({
      reason: "needs_more",
      amount: 3_000,
    });
  });

  it("gives exactly 10 of 100 racing shoppers a promotion limited to 10 uses; the other 90 pay full price (saleor #544, vendure #4660, medusa #13760: limits exceeded under concurrency)", async () => {
    const shoppers = await createShoppers(100);
    const product = await createProduct({ stock: 100, price: 3_000 });
    const promotion = await definePromotion({
      name: "First ten",
      kind: "item",
      usageLimit: 10,
      action: { type: "percent", percent: 50, target: { productIds: [product.id] } },
    });
    await Promise.all(shoppers.map((s) => setLine(s.token, product.id, 1)));
    const results = await Promise.all(shoppers.map((s) => checkoutAs(s.token)));
    const orders = results.map((result) => expectStatus(result, 201));
    expect(orders.filter((order) => order.discount === 1_500)).toHaveLength(10);
    expect(orders.filter((order) => order.discount === 0)).toHaveLength(90);
    expect(await promotionCounts(promotion)).toEqual({ used_count: 10, discount_given: 15_000, uses: 10 });

    // A canceled order gives its use back once; an expired one too.
    const discounted = orders.filter((order) => order.discount > 0);
    const ownerOf = (orderId: string) => shoppers[orders.findIndex((order) => order.id === orderId)];
    const cancel = (orderId: string) =>
      answer(client({ token: ownerOf(orderId).token }).orders[":id"].cancel.$post({ param: { id: orderId } }));
    expectStatus(await cancel(discounted[0].id), 200);
    expectError(await cancel(discounted[0].id), 409, "invalid_transition");
    await withServices(({ db }) =>
      db.execute(sql`UPDATE orders SET expires_at = now() - interval '1 second' WHERE id = ${discounted[1].id}`),
    );
    await runScheduledJobs(env);
    await runScheduledJobs(env);
    expect(await promotionCounts(promotion)).toEqual({ used_count: 8, discount_given: 12_000, uses: 8 });
  });

  it("holds a customer to their limit and a promotion to its budget, even across concurrent checkouts", async () => {
    const [shopper, second, third] = await createShoppers(3);
    const product = await createProduct({ stock: 50, price: 4_000 });
    const once = await definePromotion({
      name: "Once per customer",
      kind: "item",
      perCustomerLimit: 1,
      action: { type: "fixed_price", price: 1_000, target: { productIds: [product.id] } },
    });
    await setLine(shopper.token, product.id, 1);
    const [first, again] = await Promise.all([
      checkoutAs(shopper.token, { shippingAddress: address }),
      (async () => {
        await setLine(shopper.token, product.id, 1);
        return checkoutAs(shopper.token, { shippingAddress: address });
      })(),
    ]);
    const placed = [first, again].filter((r) => r.status === 201).map((r) => expectStatus(r, 201));
    expect(placed.filter((order) => order.discount === 3_000)).toHaveLength(1);
    expect(await promotionCounts(once)).toMatchObject({ used_count: 1 });

    // A budget of 50.00 covers one 30.00 discount, not two.
    const budgetedProduct = await createProduct({ stock: 50, price: 4_000 });
    const budgeted = await definePromotion({
      name: "Budgeted",
      kind: "item",
      budget: 5_000,
      action: { type: "fixed_price", price: 1_000, target: { productIds: [budgetedProduct.id] } },
    });
    await Promise.all([setLine(second.token, budgetedProduct.id, 1), setLine(third.token, budgetedProduct.id, 1)]);
    const raced = await Promise.all([checkoutAs(second.token), checkoutAs(third.token)]);
    const budgetOrders = raced.map((r) => expectStatus(r, 201));
    expect(budgetOrders.map((order) => order.discount).sort()).toEqual([0, 3_000]);
    expect(await promotionCounts(budgeted)).toMatchObject({ used_count: 1, discount_given: 3_000 });
  });

  it("leaves out paused promotions and those not started, and says when the cart's price changes next", async () => {
    const [shopper] = await createShoppers(1);
    const product = await createProduct({ stock: 5, price: 10_000 });
    const startsAt = hoursFromNow(2);
    await definePromotion({
      kind: "item",
      startsAt,
      action: { type: "percent", percent: 20, target: { productIds: [product.id] } },
    });
    await definePromotion({
      kind: "item",
      status: "paused",
      action: { type: "percent", percent: 30, target: { productIds: [product.id] } },
    });
    const cart = expectStatus(await setLine(shopper.token, product.id, 1), 200);
    expect(cart.discount).toBe(0);
    expect(Date.parse(cart.promotionsChangeAt ?? "")).toBe(Date.parse(startsAt));
  });

  it("offers free shipping over an amount: the cart says how far it is, the quote prices the method at 0", async () => {
    const [shopper] = await createShoppers(1);
    const product = await createProduct({ stock: 10, price: 2_000, shipping: 300 });
    const free = await definePromotion({
      name: "Free shipping over $50",
      kind: "shipping",
      combinesWith: ["item", "order"],
      conditions: { minSubtotal: 5_000, customer: { accountIds: [shopper.id] } },
      action: { type: "free_shipping" },
    });
    const short = expectStatus(await setLine(shopper.token, product.id, 2), 200);
    expect(short.freeShipping).toEqual({ name: "Free shipping over $50", missing: 1_000 });
    const enough = expectStatus(await setLine(shopper.token, product.id, 3), 200);
    expect(enough.freeShipping).toEqual({ name: "Free shipping over $50", missing: 0 });

    const quoted = expectStatus(
      await answer(
        client({ token: shopper.token }).cart["shipping-options"].$get({
          query: { country: "US", postalCode: "12345" },
        }),
      ),
      200,
    );
    expect(quoted.method).toMatchObject({ price: 0, regularPrice: 900 });
    expect(quoted.summary).toMatchObject({ shipping: 0, shippingDiscount: 900 });
    const order = expectStatus(
      await checkoutAs(shopper.token, { shippingAddress: address, expectedTotal: quoted.summary.total }),
      201,
    );
    expect(order).toMatchObject({ shipping: 0, shippingDiscount: 900, total: quoted.summary.total });
    expect(order.promotions).toEqual([
      { id: free, name: "Free shipping over $50", kind: "shipping", amount: 0, shipping: 900 },
    ]);
  });

  it("lets a guest use a promotion code, counted by their email", async () => {
    const product = await createProduct({ stock: 10, price: 2_500 });
    const code = `GUEST-${crypto.randomUUID().slice(0, 8)}`;
    const promotion = await definePromotion({
      method: "code",
      kind: "item",
      perCustomerLimit: 1,
      action: { type: "fixed", amount: 500 },
      code,
    });
    const email = uniqueEmail();
    const body = {
      email,
      shippingAddress: address,
      items: [{ variantId: product.variantId, quantity: 1 }],
      promotionCode: code,
    };
    const order = expectStatus(
      await answer(client().guest.checkout.$post({ json: body, header: { "idempotency-key": crypto.randomUUID() } })),
      201,
    );
    expect(order.discount).toBe(500);
    const again = await answer(
      client().guest.checkout.$post({ json: body, header: { "idempotency-key": crypto.randomUUID() } }),
    );
    expect(expectError(again, 409, "coupon_invalid").error.details).toMatchObject({ reason: "already_used" });
    expect(await promotionCounts(promotion)).toMatchObject({ used_count: 1 });
  });

  it("prices again with the new terms when staff change a promotion between checkout's read and its write", async () => {
    const [shopper] = await createShoppers(1);
    const product = await createProduct({ stock: 5, price: 10_000 });
    const id = await definePromotion({
      kind: "item",
      action: { type: "percent", percent: 10, target: { productIds: [product.id] } },
    });
    await setLine(shopper.token, product.id, 1);
    // The write waits a moment after reserving the stock; staff save 5 % meanwhile.
    const placing = withActor(shopper.id, (ctx) =>
      checkout(ctx, { shippingAddress: address }, crypto.randomUUID(), {
        afterStockReserved: (c) => c.db.execute(sql`SELECT pg_sleep(0.6)`),
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 250));
    await withServices(({ db }) =>
      db.execute(
        sql`UPDATE promotions SET action = jsonb_set(action, '{percent}', '5'), updated_at = now() WHERE id = ${id}`,
      ),
    );
    const { order } = await placing;
    expect(order.discount).toBe(500);
    expect(await promotionCounts(id)).toMatchObject({ used_count: 1, discount_given: 500 });
  });

  it("counts a guest with an account's email as that account, for its limit and its first order", async () => {
    const [shopper] = await createShoppers(1);
    const email = await withServices(async ({ db }) => {
      const result = await db.execute<{ email: string }>(sql`SELECT email FROM users WHERE id = ${shopper.id}`);
      return result.rows[0].email;
    });
    const product = await createProduct({ stock: 10, price: 4_000 });
    const welcome = await definePromotion({
      name: "Welcome",
      kind: "item",
      conditions: { customer: { firstOrder: true } },
      action: { type: "fixed_price", price: 3_000, target: { productIds: [product.id] } },
    });
    await setLine(shopper.token, product.id, 1);
    expect(expectStatus(await checkoutAs(shopper.token), 201).discount).toBe(1_000);
    const asGuest = expectStatus(
      await answer(
        client().guest.checkout.$post({
          json: { email, shippingAddress: address, items: [{ variantId: product.variantId, quantity: 1 }] },
          header: { "idempotency-key": crypto.randomUUID() },
        }),
      ),
      201,
    );
    expect(asGuest.discount).toBe(0);
    expect(await promotionCounts(welcome)).toMatchObject({ used_count: 1 });
  });

  it("says a free-shipping code applies in the cart once the cart qualifies, and a budget too small as used up", async () => {
    const [shopper] = await createShoppers(1);
    const product = await createProduct({ stock: 10, price: 3_000 });
    const code = `SHIP-${crypto.randomUUID().slice(0, 8)}`;
    await definePromotion({
      method: "code",
      kind: "shipping",
      conditions: { minSubtotal: 5_000 },
      action: { type: "free_shipping" },
      code,
    });
    await setLine(shopper.token, product.id, 1);
    expect((await setCode(shopper.token, code)).code).toMatchObject({ applied: false, reason: "needs_more" });
    expectStatus(await setLine(shopper.token, product.id, 2), 200);
    expect((await cartOf(shopper.token)).code).toMatchObject({ applied: true, reason: null });

    const small = `SMALL-${crypto.randomUUID().slice(0, 8)}`;
    await definePromotion({
      method: "code",
      kind: "item",
      budget: 100,
      action: { type: "percent", percent: 50, target: { productIds: [product.id] } },
      code: small,
    });
    expect((await setCode(shopper.token, small)).code).toMatchObject({ applied: false, reason: "used_up" });
  });

  it("limits the codes one shopper may try: 30 in 15 minutes, then 429", async () => {
    const [shopper] = await createShoppers(1);
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      const tried = await answer(client({ token: shopper.token }).cart.code.$put({ json: { code: `GUESS-${i}` } }));
      statuses.push(tried.status);
    }
    expect(statuses.slice(0, 30)).toEqual(Array(30).fill(200));
    expect(statuses[30]).toBe(429);
  });

  it("names the item promotions live on a product's page, with each variant's price after them", async () => {
    const product = await createProduct({ stock: 5, price: 10_000, discount: 1_000 });
    const endsAt = hoursFromNow(24);
    const sale = await definePromotion({
      name: "Twenty off",
      kind: "item",
      endsAt,
      action: { type: "percent", percent: 20, target: { productIds: [product.id] } },
    });
    // Not for everyone (members only), and not about this product: neither is named.
    await definePromotion({
      kind: "item",
      conditions: { customer: { signedIn: true } },
      action: { type: "percent", percent: 50, target: { productIds: [product.id] } },
    });
    await definePromotion({
      kind: "item",
      action: { type: "percent", percent: 50, target: { productIds: [crypto.randomUUID()] } },
    });
    const page = expectStatus(
      await answer(client().products[":idOrSlug"].$get({ param: { idOrSlug: product.slug } })),
      200,
    );
    expect(page.promotions).toEqual([{ id: sale, name: "Twenty off", endsAt: expect.any(String) }]);
    expect(Date.parse(page.promotions?.[0].endsAt ?? "")).toBe(Date.parse(endsAt));
    // 20 % of 90.00 (the price after its own discount).
    expect(page.variants[0].salePrice).toBe(7_200);
  });

  it("prices a guest's lines with the promotions live for everyone, before checkout, as checkout prices them", async () => {
    const sneakers = await createProduct({ stock: 5, price: 8_000 });
    const socks = await createProduct({ stock: 9, price: 1_200 });
    const sale = await definePromotion({
      name: "Guest sale",
      kind: "item",
      action: { type: "percent", percent: 15, target: { productIds: [sneakers.id] } },
    });
    const items = [
      { variantId: sneakers.variantId, quantity: 1 },
      { variantId: socks.variantId, quantity: 3 },
    ];
    const priced = expectStatus(await answer(client().guest.cart.$post({ json: { items } })), 200);
    expect(priced).toMatchObject({ subtotal: 11_600, discount: 1_200, currency: "USD" });
    expect(priced.items.find((i) => i.variantId === sneakers.variantId)).toMatchObject({
      lineTotal: 8_000,
      discount: 1_200,
    });
    expect(priced.promotions).toEqual([
      { id: sale, name: "Guest sale", kind: "item", amount: 1_200, shipping: 0, endsAt: null },
    ]);
    const order = expectStatus(
      await answer(
        client().guest.checkout.$post({
          json: { email: uniqueEmail(), shippingAddress: address, items },
          header: { "idempotency-key": crypto.randomUUID() },
        }),
      ),
      201,
    );
    expect(order.discount).toBe(priced.discount);
  });

  it("gives a first-order promotion once when five checkouts of one new guest race for it", async () => {
    const product = await createProduct({ stock: 10, price: 4_000 });
    const welcome = await definePromotion({
      kind: "item",
      conditions: { customer: { firstOrder: true } },
      action: { type: "fixed_price", price: 3_000, target: { productIds: [product.id] } },
    });
    const email = uniqueEmail();
    // Guests hold no cart to lock: each checkout reads "first order" before any of the others commits.
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        answer(
          client().guest.checkout.$post({
            json: { email, shippingAddress: address, items: [{ variantId: product.variantId, quantity: 1 }] },
            header: { "idempotency-key": crypto.randomUUID() },
          }),
        ),
      ),
    );
    const orders = results.map((result) => expectStatus(result, 201));
    expect(orders.filter((order) => order.discount === 1_000)).toHaveLength(1);
    expect(await promotionCounts(welcome)).toMatchObject({ used_count: 1, discount_given: 1_000, uses: 1 });
  });
});
