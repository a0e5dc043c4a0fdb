import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { answer, client, expectStatus } from "../../test/support/client.ts";
import {
  address,
  checkoutAs,
  createProduct,
  createShoppers,
  defineCoupon,
  expectError,
  grant,
  pressSandboxButton,
  seedAdmin,
  setLine,
  startPaymentAs,
  tokenFor,
  withServices,
} from "../../test/support/shop.ts";

const admin = () => tokenFor(seedAdmin, "admin");
const staffToken = async () => {
  const [user] = await createShoppers(1);
  await withServices(({ db }) => db.execute(sql`UPDATE users SET role = 'staff' WHERE id = ${user.id}`));
  return tokenFor(user, "staff");
};

async function pendingOrder() {
  const [shopper] = await createShoppers(1);
  const product = await createProduct({ stock: 5, price: 2_500 });
  await setLine(shopper.token, product.id, 2);
  const order = expectStatus(await checkoutAs(shopper.token, { shippingAddress: address }), 201);
  return { shopper, product, order };
}

describe("an order as staff see it", () => {
  it("carries its customer, every payment attempt and what the gateway reported about each", async () => {
    const { shopper, order } = await pendingOrder();
    const { authority } = await startPaymentAs(shopper.token, order.id);
    const paid = await pressSandboxButton(authority, "success");
    expect(paid.status).toBe(200);

    const detail = expectStatus(
      await answer(client({ token: await staffToken() }).admin.orders[":id"].$get({ param: { id: order.id } })),
      200,
    );
    expect(detail).toMatchObject({ id: order.id, status: "paid", userId: shopper.id, shippingAddress: address });
    expect(detail.payments).toEqual([
      expect.objectContaining({
        gateway: "sandbox",
        authority,
        amount: order.total,
        status: "succeeded",
        cardLast4: "4242",
        paidAt: expect.any(String),
        history: [expect.objectContaining({ outcome: "processed", reason: "success" })],
      }),
    ]);
    expectError(
      await answer(client({ token: await admin() }).admin.orders[":id"].$get({ param: { id: crypto.randomUUID() } })),
      404,
      "not_found",
    );
    expectError(
      await answer(client({ token: shopper.token }).admin.orders[":id"].$get({ param: { id: order.id } })),
      403,
      "forbidden",
    );
  });

  it("lets staff cancel a pending order for the shopper, giving its stock back; a paid one is 409", async () => {
    const { shopper, product, order } = await pendingOrder();
    const canceled = expectStatus(
      await answer(
        client({ token: await staffToken() }).admin.orders[":id"].cancel.$post({
          param: { id: order.id },
          json: { note: "customer asked by phone" },
        }),
      ),
      200,
    );
    expect(canceled.status).toBe("canceled");
    expect(canceled.events.at(-1)).toMatchObject({
      status: "canceled",
      actor: "staff",
      note: "customer asked by phone",
    });
    const shown = await answer(
      client({ token: shopper.token }).products[":idOrSlug"].$get({ param: { idOrSlug: product.id } }),
    );
    expect(expectStatus(shown, 200).stockQty).toBe(5);
    expectError(
      await answer(
        client({ token: await staffToken() }).admin.orders[":id"].cancel.$post({ param: { id: order.id }, json: {} }),
      ),
      409,
      "invalid_transition",
    );
  });

  it("finds a customer's orders by their id", async () => {
    const { shopper, order } = await pendingOrder();
    const found = expectStatus(
      await answer(client({ token: await admin() }).admin.orders.$get({ query: { userId: shopper.id } })),
      200,
    );
    expect(found.items.map((o) => o.id)).toEqual([order.id]);
  });
});

describe("coupon grants for staff", () => {
  it("lists a coupon's grants with whose they are, their expiry and uses, newest first and paged", async () => {
    const coupon = await defineCoupon({ validFor: "P1D" });
    const shoppers = await createShoppers(3);
    const codes: string[] = [];
    for (const shopper of shoppers) codes.push(await grant(coupon.id, shopper.id));
    const grants = client({ token: await staffToken() }).admin.coupons[":id"].grants;
    const first = expectStatus(await answer(grants.$get({ param: { id: coupon.id }, query: { limit: "2" } })), 200);
    expect(first.items.map((g) => g.code)).toEqual([codes[2], codes[1]]);
    expect(first.items[0]).toMatchObject({ userId: shoppers[2].id, uses: 0, expiresAt: expect.any(String) });
    const rest = expectStatus(
      await answer(
        grants.$get({ param: { id: coupon.id }, query: { limit: "2", cursor: first.nextCursor ?? undefined } }),
      ),
      200,
    );
    expect(rest.items.map((g) => g.code)).toEqual([codes[0]]);
    expect(rest.nextCursor).toBeNull();
    expectError(await answer(grants.$get({ param: { id: crypto.randomUUID() }, query: {} })), 404, "not_found");
  });
});

describe("customer search for staff", () => {
  it("finds customers by username or display name, and only customers", async () => {
    const [shopper] = await createShoppers(1);
    const name = `Zelda ${crypto.randomUUID().slice(0, 6)}`;
    await answer(client({ token: shopper.token }).me.$patch({ json: { displayName: name } }));
    const customers = client({ token: await staffToken() }).admin.customers;
    const byName = expectStatus(await answer(customers.$get({ query: { q: name } })), 200);
    expect(byName.items).toEqual([expect.objectContaining({ id: shopper.id, displayName: name })]);
    const admins = expectStatus(await answer(customers.$get({ query: { q: "admin@royal.shop" } })), 200);
    expect(admins.items).toEqual([]);
  });
});

describe("the audit log", () => {
  it("answers who changed what and when, by actor and entity; admins only", async () => {
    const coupon = await defineCoupon({ title: `Audited ${crypto.randomUUID().slice(0, 6)}` });
    const audit = client({ token: await admin() }).admin.audit;
    const log = expectStatus(
      await answer(audit.$get({ query: { entity: "coupon", actor: seedAdmin.id, limit: "100" } })),
      200,
    );
    expect(log.items.find((e) => e.entityId === coupon.id)).toMatchObject({
      action: "coupon.create",
      entity: "coupon",
      actor: { id: seedAdmin.id, username: "admin@royal.shop" },
      before: null,
      after: expect.objectContaining({ title: coupon.title }),
      at: expect.any(String),
    });
    expectError(await answer(client({ token: await staffToken() }).admin.audit.$get({ query: {} })), 403, "forbidden");
    const future = expectStatus(await answer(audit.$get({ query: { from: "2999-01-01T00:00:00Z" } })), 200);
    expect(future.items).toEqual([]);
  });
});

describe("dashboard reports", () => {
  it("counts orders in every status and ranks products by units sold in paid orders", async () => {
    const { order, product } = await pendingOrder();
    await withServices(({ db }) => db.execute(sql`UPDATE orders SET status = 'paid' WHERE id = ${order.id}`));
    const reports = client({ token: await staffToken() }).admin.reports;
    const byStatus = expectStatus(await answer(reports["orders-by-status"].$get()), 200);
    expect(byStatus.items.map((i) => i.status)).toEqual([
      "pending_payment",
      "paid",
      "processing",
      "shipped",
      "delivered",
      "canceled",
      "refunded",
    ]);
    expect(byStatus.items.find((i) => i.status === "paid")?.count).toBeGreaterThanOrEqual(1);
    const top = expectStatus(await answer(reports["top-products"].$get({ query: { days: "1", limit: "100" } })), 200);
    expect(top.items.find((i) => i.productId === product.id)).toMatchObject({ units: 2, revenue: 5_000 });
  });
});
