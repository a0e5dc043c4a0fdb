import { exports } from "cloudflare:workers";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  address,
  call,
  checkoutAs,
  createProduct,
  createShoppers,
  defineCoupon,
  expectError,
  grant,
  origin,
  seedAdmin,
  setLine,
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
  const order = (await checkoutAs(shopper.token, { shippingAddress: address })).body;
  return { shopper, product, order };
}

describe("an order as staff see it", () => {
  it("carries its customer, every payment attempt and what the gateway reported about each", async () => {
    const { shopper, order } = await pendingOrder();
    const started = await call(`/orders/${order.id}/payment`, { method: "POST", token: shopper.token });
    const authority = started.body.redirectUrl.split("/").at(-1);
    const paid = await exports.default.fetch(`${origin}/api/v1/sandbox/pay/${authority}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ outcome: "success" }),
    });
    expect(paid.status).toBe(200);

    const detail = await call(`/admin/orders/${order.id}`, { token: await staffToken() });
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ id: order.id, status: "paid", userId: shopper.id, shippingAddress: address });
    expect(detail.body.payments).toEqual([
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
    expectError(await call(`/admin/orders/${crypto.randomUUID()}`, { token: await admin() }), 404, "not_found");
    expectError(await call(`/admin/orders/${order.id}`, { token: shopper.token }), 403, "forbidden");
  });

  it("lets staff cancel a pending order for the shopper, giving its stock back; a paid one is 409", async () => {
    const { shopper, product, order } = await pendingOrder();
    const canceled = await call(`/admin/orders/${order.id}/cancel`, {
      token: await staffToken(),
      body: { note: "customer asked by phone" },
    });
    expect(canceled.status).toBe(200);
    expect(canceled.body.status).toBe("canceled");
    expect(canceled.body.events.at(-1)).toMatchObject({
      status: "canceled",
      actor: "staff",
      note: "customer asked by phone",
    });
    expect((await call(`/products/${product.id}`, { token: shopper.token })).body.stockQty).toBe(5);
    expectError(
      await call(`/admin/orders/${order.id}/cancel`, { token: await staffToken(), body: {} }),
      409,
      "invalid_transition",
    );
  });

  it("finds a customer's orders by their id", async () => {
    const { shopper, order } = await pendingOrder();
    const found = await call(`/admin/orders?userId=${shopper.id}`, { token: await admin() });
    expect(found.body.items.map((o: any) => o.id)).toEqual([order.id]);
  });
});

describe("coupon grants for staff", () => {
  it("lists a coupon's grants with whose they are, their expiry and uses, newest first and paged", async () => {
    const coupon = await defineCoupon({ validFor: "P1D" });
    const shoppers = await createShoppers(3);
    const codes: string[] = [];
    for (const shopper of shoppers) codes.push(await grant(coupon.id, shopper.id));
    const token = await staffToken();
    const first = await call(`/admin/coupons/${coupon.id}/grants?limit=2`, { token });
    expect(first.body.items.map((g: any) => g.code)).toEqual([codes[2], codes[1]]);
    expect(first.body.items[0]).toMatchObject({ userId: shoppers[2].id, uses: 0, expiresAt: expect.any(String) });
    const rest = await call(`/admin/coupons/${coupon.id}/grants?limit=2&cursor=${first.body.nextCursor}`, { token });
    expect(rest.body.items.map((g: any) => g.code)).toEqual([codes[0]]);
    expect(rest.body.nextCursor).toBeNull();
    expectError(await call(`/admin/coupons/${crypto.randomUUID()}/grants`, { token }), 404, "not_found");
  });
});

describe("customer search for staff", () => {
  it("finds customers by username or display name, and only customers", async () => {
    const [shopper] = await createShoppers(1);
    const name = `Zelda ${crypto.randomUUID().slice(0, 6)}`;
    await call("/me", { method: "PATCH", token: shopper.token, body: { displayName: name } });
    const token = await staffToken();
    const byName = await call(`/admin/customers?q=${encodeURIComponent(name)}`, { token });
    expect(byName.body.items).toEqual([expect.objectContaining({ id: shopper.id, displayName: name })]);
    const admins = await call("/admin/customers?q=admin@royal.shop", { token });
    expect(admins.body.items).toEqual([]);
  });
});

describe("the audit log", () => {
  it("answers who changed what and when, by actor and entity; admins only", async () => {
    const coupon = await defineCoupon({ title: `Audited ${crypto.randomUUID().slice(0, 6)}` });
    const log = await call(`/admin/audit?entity=coupon&actor=${seedAdmin.id}&limit=100`, { token: await admin() });
    expect(log.status).toBe(200);
    expect(log.body.items.find((e: any) => e.entityId === coupon.id)).toMatchObject({
      action: "coupon.create",
      entity: "coupon",
      actor: { id: seedAdmin.id, username: "admin@royal.shop" },
      before: null,
      after: expect.objectContaining({ title: coupon.title }),
      at: expect.any(String),
    });
    expectError(await call("/admin/audit", { token: await staffToken() }), 403, "forbidden");
    const future = await call("/admin/audit?from=2999-01-01T00:00:00Z", { token: await admin() });
    expect(future.body.items).toEqual([]);
  });
});

describe("dashboard reports", () => {
  it("counts orders in every status and ranks products by units sold in paid orders", async () => {
    const { order, product } = await pendingOrder();
    await withServices(({ db }) => db.execute(sql`UPDATE orders SET status = 'paid' WHERE id = ${order.id}`));
    const token = await staffToken();
    const byStatus = await call("/admin/reports/orders-by-status", { token });
    expect(byStatus.body.items.map((i: any) => i.status)).toEqual([
      "pending_payment",
      "paid",
      "processing",
      "shipped",
      "delivered",
      "canceled",
      "refunded",
    ]);
    expect(byStatus.body.items.find((i: any) => i.status === "paid").count).toBeGreaterThanOrEqual(1);
    const top = await call("/admin/reports/top-products?days=1&limit=100", { token });
    expect(top.body.items.find((i: any) => i.productId === product.id)).toMatchObject({ units: 2, revenue: 5_000 });
  });
});
