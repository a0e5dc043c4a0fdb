import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { answer, client, expectStatus } from "../../test/support/client.ts";
import {
  address,
  call,
  checkoutAs,
  createProduct,
  createShoppers,
  expectError,
  pressSandboxButton,
  seedAdmin,
  setLine,
  startPaymentAs,
  stockOf,
  tokenFor,
  withServices,
} from "../../test/support/shop.ts";

/**
 * What staff do to orders by hand: ship one with its carrier and tracking (which the shopper then
 * reads), ship or cancel many at once with each order's outcome, audited like one by one.
 */
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

async function paidOrder() {
  const placed = await pendingOrder();
  const { authority } = await startPaymentAs(placed.shopper.token, placed.order.id);
  expect((await pressSandboxButton(authority, "success")).status).toBe(200);
  return placed;
}

const staffApi = async () => client({ token: await staffToken() }).admin.orders;

describe("shipping an order", () => {
  it("records the carrier and tracking; the shopper reads them with the order, with the carrier's tracking page", async () => {
    const { shopper, order } = await paidOrder();
    const orders = await staffApi();
    const shipped = expectStatus(
      await answer(
        orders[":id"].ship.$post({ param: { id: order.id }, json: { carrier: "UPS", trackingNumber: "1Z 999" } }),
      ),
      200,
    );
    expect(shipped.status).toBe("shipped");
    expect(shipped.shipment).toEqual({
      carrier: "UPS",
      trackingNumber: "1Z 999",
      trackingUrl: "https://www.ups.com/track?tracknum=1Z%20999",
      shippedAt: expect.any(String),
    });
    // A paid order is processed and shipped in one step, both in its history, by staff.
    expect(shipped.events.slice(-2).map((e) => [e.status, e.actor])).toEqual([
      ["processing", "staff"],
      ["shipped", "staff"],
    ]);
    const mine = expectStatus(
      await answer(client({ token: shopper.token }).orders[":id"].$get({ param: { id: order.id } })),
      200,
    );
    expect(mine.shipment).toEqual(shipped.shipment);
    const listed = expectStatus(await answer(client({ token: shopper.token }).orders.$get({ query: {} })), 200);
    expect(listed.items[0].shipment?.carrier).toBe("UPS");

    const audit = expectStatus(
      await answer(client({ token: await admin() }).admin.audit.$get({ query: { entity: "order", limit: "100" } })),
      200,
    );
    expect(audit.items.find((entry) => entry.entityId === order.id && entry.action === "order.ship")).toMatchObject({
      entityName: `Order #${order.number}`,
      before: { status: "paid" },
      after: { status: "shipped", carrier: "UPS", trackingNumber: "1Z 999" },
    });
  });

  it("takes a link staff give, and an unknown carrier without one", async () => {
    const first = await paidOrder();
    const second = await paidOrder();
    const orders = await staffApi();
    const linked = expectStatus(
      await answer(
        orders[":id"].ship.$post({
          param: { id: first.order.id },
          json: { carrier: "Royal Post", trackingNumber: "RP1", trackingUrl: "https://post.example/RP1" },
        }),
      ),
      200,
    );
    expect(linked.shipment).toMatchObject({ carrier: "Royal Post", trackingUrl: "https://post.example/RP1" });
    const plain = expectStatus(
      await answer(orders[":id"].ship.$post({ param: { id: second.order.id }, json: { carrier: "Royal Post" } })),
      200,
    );
    expect(plain.shipment).toMatchObject({ carrier: "Royal Post", trackingNumber: null, trackingUrl: null });
  });

  it("requires a carrier (400), refuses an unpaid order (409) and a customer (403); orders not shipped carry no shipment", async () => {
    const { shopper, order } = await pendingOrder();
    expect(order.shipment).toBeNull();
    const orders = await staffApi();
    const noCarrier = await call(`/admin/orders/${order.id}/ship`, { token: await staffToken(), body: {} });
    expectError(noCarrier, 400, "invalid_request");
    const badLink = await call(`/admin/orders/${order.id}/ship`, {
      token: await staffToken(),
      body: { carrier: "UPS", trackingUrl: "javascript:alert(1)" },
    });
    expectError(badLink, 400, "invalid_request");
    const unpaid = expectError(
      await answer(orders[":id"].ship.$post({ param: { id: order.id }, json: { carrier: "UPS" } })),
      409,
      "invalid_transition",
    );
    expect(unpaid.error.message).toBe(`Order #${order.number} is not paid.`);
    expectError(
      await answer(
        client({ token: shopper.token }).admin.orders[":id"].ship.$post({
          param: { id: order.id },
          json: { carrier: "UPS" },
        }),
      ),
      403,
      "forbidden",
    );
    expectError(
      await answer(orders[":id"].ship.$post({ param: { id: crypto.randomUUID() }, json: { carrier: "UPS" } })),
      404,
      "not_found",
    );
  });
});

describe("bulk actions on orders", () => {
  it("ships the paid ones and reports each order it could not ship, with why", async () => {
    const paid = [await paidOrder(), await paidOrder()];
    const pending = await pendingOrder();
    const missing = crypto.randomUUID();
    const orders = await staffApi();
    const ids = [...paid.map((p) => p.order.id), pending.order.id, missing];
    const result = expectStatus(
      await answer(orders.bulk.$post({ json: { action: "ship", ids, carrier: "DHL" } })),
      200,
    );
    expect(result.action).toBe("ship");
    expect(result.results.map((r) => [r.id, r.ok])).toEqual([
      [ids[0], true],
      [ids[1], true],
      [ids[2], false],
      [missing, false],
    ]);
    const [first, , refused, unknown] = result.results;
    expect(first.ok && first.order).toMatchObject({
      status: "shipped",
      shipment: { carrier: "DHL", trackingNumber: null, trackingUrl: null },
    });
    expect(refused).toMatchObject({
      ok: false,
      number: pending.order.number,
      status: "pending_payment",
      error: { code: "invalid_transition", message: `Order #${pending.order.number} is not paid` },
    });
    expect(unknown).toMatchObject({ ok: false, number: null, error: { code: "not_found" } });

    // Shipping them again changes nothing, and says so.
    const again = expectStatus(
      await answer(orders.bulk.$post({ json: { action: "ship", ids: ids.slice(0, 1) } })),
      200,
    );
    expect(again.results[0]).toMatchObject({
      ok: false,
      error: { message: `Order #${paid[0].order.number} has already shipped` },
    });
  });

  it("cancels the unpaid ones, their stock back, each audited; a paid one stays as it was", async () => {
    const pending = await pendingOrder();
    const paid = await paidOrder();
    const orders = await staffApi();
    const result = expectStatus(
      await answer(
        orders.bulk.$post({ json: { action: "cancel", ids: [pending.order.id, paid.order.id], note: "duplicates" } }),
      ),
      200,
    );
    expect(result.results[0]).toMatchObject({ ok: true, order: { status: "canceled" } });
    expect(result.results[1]).toMatchObject({ ok: false, status: "paid" });
    expect(await stockOf(pending.product.id)).toBe(5);
    const mine = expectStatus(
      await answer(client({ token: pending.shopper.token }).orders[":id"].$get({ param: { id: pending.order.id } })),
      200,
    );
    expect(mine.events.at(-1)).toMatchObject({ status: "canceled", actor: "staff", note: "duplicates" });
    const audit = expectStatus(
      await answer(client({ token: await admin() }).admin.audit.$get({ query: { entity: "order", limit: "100" } })),
      200,
    );
    const entries = audit.items.filter((entry) => entry.action === "order.cancel");
    expect(entries.map((e) => e.entityId)).toContain(pending.order.id);
    expect(entries.map((e) => e.entityId)).not.toContain(paid.order.id);
  });

  it("refuses bad input with 400 (no ids, over 100, an unknown action, a malformed id) and a customer with 403", async () => {
    const token = await staffToken();
    const ids = (n: number) => Array.from({ length: n }, () => crypto.randomUUID());
    for (const body of [
      { action: "ship", ids: [] },
      { action: "ship", ids: ids(101) },
      { action: "explode", ids: ids(1) },
      { action: "cancel", ids: ["not-a-uuid"] },
      { ids: ids(1) },
    ]) {
      expectError(await call("/admin/orders/bulk", { token, body }), 400, "invalid_request");
    }
    expect((await call("/admin/orders/bulk", { token, body: { action: "ship", ids: ids(100) } })).status).toBe(200);
    const [customer] = await createShoppers(1);
    expectError(
      await call("/admin/orders/bulk", { token: customer.token, body: { action: "ship", ids: ids(1) } }),
      403,
      "forbidden",
    );
  });
});

describe("correcting a shipment", () => {
  it("gives a bulk-shipped order its tracking number, which the shopper reads; an order not shipped is refused, a customer forbidden", async () => {
    const { shopper, order } = await paidOrder();
    const orders = await staffApi();
    const bulk = expectStatus(
      await answer(orders.bulk.$post({ json: { action: "ship", ids: [order.id], carrier: "DHL" } })),
      200,
    );
    expect(bulk.results[0]).toMatchObject({ ok: true });
    const corrected = expectStatus(
      await answer(
        orders[":id"].shipment.$put({ param: { id: order.id }, json: { carrier: "DHL", trackingNumber: "JD0146" } }),
      ),
      200,
    );
    expect(corrected.shipment).toMatchObject({
      carrier: "DHL",
      trackingNumber: "JD0146",
      trackingUrl: "https://www.dhl.com/en/express/tracking.html?AWB=JD0146",
    });
    const seen = expectStatus(
      await answer(client({ token: shopper.token }).orders[":id"].$get({ param: { id: order.id } })),
      200,
    );
    expect(seen.shipment?.trackingNumber).toBe("JD0146");
    const audit = await withServices(({ db }) =>
      db.execute<{ before: { trackingNumber: string | null } }>(sql`
        SELECT before FROM audit_log WHERE action = 'order.shipment' AND entity_id = ${order.id}`),
    );
    expect(audit.rows).toEqual([{ before: { carrier: "DHL", trackingNumber: null, trackingUrl: null } }]);

    const unpaid = await pendingOrder();
    const refused = expectError(
      await answer(
        orders[":id"].shipment.$put({ param: { id: unpaid.order.id }, json: { carrier: "DHL", trackingNumber: "X" } }),
      ),
      409,
      "invalid_transition",
    );
    expect(refused.error.message).toContain("has not shipped");
    expect(
      (
        await call(`/admin/orders/${order.id}/shipment`, {
          method: "PUT",
          token: shopper.token,
          body: { carrier: "DHL" },
        })
      ).status,
    ).toBe(403);
  });
});
