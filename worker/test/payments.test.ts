import { env, exports } from "cloudflare:workers";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { answer, client, expectStatus } from "../../test/support/client.ts";
import {
  address,
  checkoutAs,
  createProduct,
  createShoppers,
  deliverSandboxCallback,
  type ErrorBody,
  expectError,
  origin,
  pressSandboxButton,
  randomIp,
  resultOf,
  seedAdmin,
  setLine,
  startPaymentAs,
  stockOf,
  tokenFor,
  withServices,
} from "../../test/support/shop.ts";
import { clientAddressKey } from "../lib/client-address.ts";
import { SandboxGateway } from "../payments/sandbox.ts";
import { StripeGateway } from "../payments/stripe.ts";

const bank = new SandboxGateway(env.SANDBOX_GATEWAY_SECRET ?? "");

async function pendingOrder(stock = 10, quantity = 1) {
  const [shopper] = await createShoppers(1);
  const product = await createProduct({ stock, price: 4_000, shipping: 500 });
  await setLine(shopper.token, product.id, quantity);
  const order = expectStatus(await checkoutAs(shopper.token, { shippingAddress: address }), 201);
  return { shopper, product, order };
}

/** An order as its shopper reads it. */
const orderAs = async (token: string, id: string) =>
  expectStatus(await answer(client({ token }).orders[":id"].$get({ param: { id } })), 200);

const startPayment = (token: string, id: string) =>
  answer(client({ token }).orders[":id"].payment.$post({ param: { id } }));

const history = (orderId: string) =>
  withServices(async ({ db }) => {
    const result = await db.execute<{ outcome: string; reason: string | null }>(sql`
      SELECT h.outcome, h.reason FROM payment_history h JOIN payments p ON p.id = h.payment_id
      WHERE p.order_id = ${orderId} ORDER BY h.received_at, h.id`);
    return result.rows;
  });

/** Messages that failed verification kept for an address (for a reason), apart from the payments' history. */
const rejections = (ip: string, reason?: string) =>
  withServices(async ({ db }) => {
    const result = await db.execute<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM gateway_rejections
      WHERE client_address = ${clientAddressKey(ip)} ${reason ? sql`AND reason = ${reason}` : sql``}`);
    return result.rows[0].n;
  });

/** Unverified messages in the payments' history: none belong there. */
const unverifiedInHistory = () =>
  withServices(async ({ db }) => {
    const result = await db.execute<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM payment_history
      WHERE reason IN ('bad_signature', 'stale', 'replayed', 'malformed')`);
    return result.rows[0].n;
  });

const paymentOf = (orderId: string) =>
  withServices(async ({ db }) => {
    const result = await db.execute<{ status: string; card_last4: string | null; transaction_id: string | null }>(sql`
      SELECT status, card_last4, transaction_id FROM payments WHERE order_id = ${orderId} ORDER BY created_at DESC LIMIT 1`);
    return result.rows[0];
  });

describe("paying through the sandbox bank", () => {
  it("pays an order: bank page, button, signed callback, order paid once, payment recorded", async () => {
    const { shopper, order } = await pendingOrder();
    const started = await startPaymentAs(shopper.token, order.id);
    expect(started).toMatchObject({ gateway: "sandbox", paymentId: expect.any(String) });
    expect(started.redirectUrl).toMatch(/\/api\/v1\/sandbox\/pay\/SBX-[0-9a-f]{24}$/);

    const page = await exports.default.fetch(started.redirectUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Royal Sandbox Bank");

    const pressed = await pressSandboxButton(started.authority, "success");
    expect(pressed.body).toEqual({ redirectUrl: `/orders/${order.id}` });
    const paid = await orderAs(shopper.token, order.id);
    expect(paid.status).toBe("paid");
    expect(paid.events.map((e) => e.status)).toEqual(["pending_payment", "paid"]);
    expect(await paymentOf(order.id)).toMatchObject({
      status: "succeeded",
      card_last4: "4242",
      transaction_id: expect.stringMatching(/^SBXT-/),
    });
    expect(await history(order.id)).toEqual([{ outcome: "processed", reason: "success" }]);
    expectError(await startPayment(shopper.token, order.id), 409, "already_paid");
  });

  it("leaves the order pending after a declined payment, so the shopper can retry", async () => {
    const { shopper, order } = await pendingOrder();
    const first = await startPaymentAs(shopper.token, order.id);
    await pressSandboxButton(first.authority, "failure");
    expect((await orderAs(shopper.token, order.id)).status).toBe("pending_payment");
    expect(await paymentOf(order.id)).toMatchObject({ status: "failed" });
    const retry = await startPaymentAs(shopper.token, order.id);
    await pressSandboxButton(retry.authority, "success");
    expect((await orderAs(shopper.token, order.id)).status).toBe("paid");
  });

  it("rejects tampered, stale and replayed callbacks with 400 and records each", async () => {
    const { shopper, order } = await pendingOrder();
    const { authority } = await startPaymentAs(shopper.token, order.id);
    const signed = await bank.signCallback({ authority, outcome: "success", amount: order.total, currency: "USD" });

    const ip = randomIp();
    const tampered = signed.body.replace(`"amount":${order.total}`, `"amount":1`);
    expectError(await deliverSandboxCallback(tampered, signed.signature, ip), 400, "invalid_request");
    expectError(await deliverSandboxCallback(signed.body, "0".repeat(64), ip), 400, "invalid_request");
    expectError(await deliverSandboxCallback(signed.body, "", ip), 400, "invalid_request");
    expect(await rejections(ip, "bad_signature")).toBe(3);

    const old = await bank.signCallback(
      { authority, outcome: "success", amount: order.total, currency: "USD" },
      Date.now() - 301_000,
    );
    expectError(await deliverSandboxCallback(old.body, old.signature, ip), 400, "invalid_request");
    expect(await rejections(ip, "stale")).toBe(1);
    expect((await orderAs(shopper.token, order.id)).status).toBe("pending_payment");

    expect((await deliverSandboxCallback(signed.body, signed.signature, ip)).status).toBe(200);
    expectError(await deliverSandboxCallback(signed.body, signed.signature, ip), 400, "invalid_request");
    expect(await rejections(ip, "replayed")).toBe(1);
    // The payment's own history holds what its gateway verifiably said, nothing anyone else sent.
    expect(await history(order.id)).toEqual([{ outcome: "processed", reason: "success" }]);
    expect(await unverifiedInHistory()).toBe(0);
  });

  it("keeps at most 20 unverified messages an hour from one address (answering each 400), apart from other senders'", async () => {
    const flooder = randomIp();
    const forged = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        deliverSandboxCallback(JSON.stringify({ forged: i }), "00".repeat(32), flooder),
      ),
    );
    expect(forged.map((f) => f.status)).toEqual(Array(25).fill(400));
    expect(await rejections(flooder)).toBe(20);
    const other = randomIp();
    expectError(await deliverSandboxCallback(JSON.stringify({ forged: "other" }), "", other), 400, "invalid_request");
    expect(await rejections(other)).toBe(1);
  });

  it("rejects a callback whose amount does not match the payment, and records it", async () => {
    const { shopper, order } = await pendingOrder();
    const { authority } = await startPaymentAs(shopper.token, order.id);
    const signed = await bank.signCallback({ authority, outcome: "success", amount: order.total - 1, currency: "USD" });
    const result = await deliverSandboxCallback(signed.body, signed.signature);
    expectError(result, 400, "invalid_request");
    expect(result.body).toHaveProperty(["error", "details"], { reason: "amount_mismatch" });
    const wrongCurrency = await bank.signCallback({
      authority,
      outcome: "success",
      amount: order.total,
      currency: "EUR",
    });
    expectError(await deliverSandboxCallback(wrongCurrency.body, wrongCurrency.signature), 400, "invalid_request");
    expect(await history(order.id)).toEqual([
      { outcome: "rejected", reason: "amount_mismatch" },
      { outcome: "rejected", reason: "amount_mismatch" },
    ]);
    expect((await orderAs(shopper.token, order.id)).status).toBe("pending_payment");
  });

  it("moves the order once when 20 identical callbacks arrive at once", async () => {
    const { shopper, order } = await pendingOrder();
    const { authority } = await startPaymentAs(shopper.token, order.id);
    const signed = await bank.signCallback({ authority, outcome: "success", amount: order.total, currency: "USD" });
    const results = await Promise.all(
      Array.from({ length: 20 }, () => deliverSandboxCallback(signed.body, signed.signature)),
    );
    console.log(
      `identical callbacks: ${results.filter((r) => r.status === 200).length} accepted, ${results.filter((r) => r.status === 400).length} rejected as replays`,
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 400)).toHaveLength(19);
    const events = (await orderAs(shopper.token, order.id)).events;
    expect(events.filter((e) => e.status === "paid")).toHaveLength(1);
  });

  it("applies one gateway event once when it is delivered 20 times at once (fresh nonces, same transaction)", async () => {
    const { shopper, order } = await pendingOrder();
    const { authority } = await startPaymentAs(shopper.token, order.id);
    const first = JSON.parse(
      (await bank.signCallback({ authority, outcome: "success", amount: order.total, currency: "USD" })).body,
    );
    const deliveries = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const body = JSON.stringify({ ...first, nonce: `${first.nonce}-${i}` });
        return deliverSandboxCallback(body, await bank.signature(body));
      }),
    );
    expect(deliveries.map((d) => d.status)).toEqual(Array(20).fill(200));
    expect(deliveries.filter((d) => resultOf(d.body) === "paid")).toHaveLength(1);
    expect(deliveries.filter((d) => resultOf(d.body) === "duplicate")).toHaveLength(19);
    const events = (await orderAs(shopper.token, order.id)).events;
    expect(events.filter((e) => e.status === "paid")).toHaveLength(1);
  });

  it("does not resurrect a canceled order, and gives the money of a payment that arrived after the cancel back by itself", async () => {
    const { shopper, order, product } = await pendingOrder(5, 2);
    const { authority } = await startPaymentAs(shopper.token, order.id);
    await answer(client({ token: shopper.token }).orders[":id"].cancel.$post({ param: { id: order.id } }));
    // The bank's page no longer takes money for the canceled order's session…
    expectError(await pressSandboxButton(authority, "success"), 409, "invalid_transition");
    // …but a payment the bank took before it heard of the cancel still arrives.
    const signed = await bank.signCallback({ authority, outcome: "success", amount: order.total, currency: "USD" });
    expect(resultOf((await deliverSandboxCallback(signed.body, signed.signature)).body)).toBe("refund_due");
    expect((await orderAs(shopper.token, order.id)).status).toBe("canceled");
    expect(await stockOf(product.id)).toBe(5);
    await expect.poll(async () => (await paymentOf(order.id)).status).toBe("refunded");
    const staff = client({ token: await tokenFor(seedAdmin, "admin") });
    const detail = expectStatus(await answer(staff.admin.orders[":id"].$get({ param: { id: order.id } })), 200);
    expect(detail.payments[0]).toMatchObject({
      status: "refunded",
      refund: {
        reason: "the order was canceled before this payment arrived",
        attempts: 1,
        lastError: null,
        nextAttemptAt: null,
        refundedAt: expect.any(String),
      },
    });
    expect(detail.payments[0].history.map((h) => h.outcome)).toEqual(["processed", "refunded"]);
  });

  it("refuses to start a payment for someone else's order, or one that expired", async () => {
    const { shopper, order } = await pendingOrder();
    const [stranger] = await createShoppers(1);
    expectError(await startPayment(stranger.token, order.id), 404, "not_found");
    await withServices(({ db }) =>
      db.execute(sql`UPDATE orders SET expires_at = now() - interval '1 second' WHERE id = ${order.id}`),
    );
    expectError(await startPayment(shopper.token, order.id), 409, "invalid_transition");
  });
});

describe("refunds", () => {
  it("refunds a paid order: refunded, restocked, payment refunded; a second refund is 409", async () => {
    const { shopper, order, product } = await pendingOrder(10, 3);
    const { authority } = await startPaymentAs(shopper.token, order.id);
    await pressSandboxButton(authority, "success");
    expect(await stockOf(product.id)).toBe(7);
    const admin = await tokenFor(seedAdmin, "admin");
    const refund = (token: string) =>
      answer(client({ token }).admin.orders[":id"].refund.$post({ param: { id: order.id } }));
    const refunded = expectStatus(await refund(admin), 200);
    expect(refunded.status).toBe("refunded");
    expect(await stockOf(product.id)).toBe(10);
    expect(await paymentOf(order.id)).toMatchObject({ status: "refunded" });
    expectError(await refund(admin), 409, "invalid_transition");
    expectError(await refund(shopper.token), 403, "forbidden");
  });

  it("refuses to refund an unpaid order", async () => {
    const { order } = await pendingOrder();
    const admin = client({ token: await tokenFor(seedAdmin, "admin") });
    expectError(
      await answer(admin.admin.orders[":id"].refund.$post({ param: { id: order.id } })),
      409,
      "invalid_transition",
    );
  });
});

describe("Stripe webhooks", () => {
  const stripe = new StripeGateway("sk_test_local", "whsec_local_test_secret");

  async function stripePayment() {
    const { shopper, order } = await pendingOrder();
    const session = `cs_test_${crypto.randomUUID().replaceAll("-", "")}`;
    await withServices(({ db }) =>
      db.execute(
        sql`INSERT INTO payments (order_id, gateway, authority, amount, tax, currency) VALUES (${order.id}, 'stripe', ${session}, ${order.total}, ${order.tax}, 'USD')`,
      ),
    );
    return { shopper, order, session };
  }

  const event = (session: string, amount: number, type = "checkout.session.completed") =>
    JSON.stringify({
      id: `evt_${crypto.randomUUID().replaceAll("-", "")}`,
      object: "event",
      type,
      data: {
        object: {
          id: session,
          object: "checkout.session",
          amount_total: amount,
          currency: "usd",
          payment_status: "paid",
          payment_intent: "pi_test_123",
        },
      },
    });

  /** Delivers a raw webhook body as Stripe would (the route reads it unparsed): its answer is `unknown`. */
  async function webhook(body: string, signature: string) {
    const response = await exports.default.fetch(`${origin}/api/v1/payments/stripe/webhook`, {
      method: "POST",
      headers: { "content-type": "application/json", "stripe-signature": signature },
      body,
    });
    return { status: response.status, body: await response.json() };
  }

  it("pays the order on a verified checkout.session.completed, once per event id", async () => {
    const { shopper, order, session } = await stripePayment();
    const body = event(session, order.total);
    const first = await webhook(body, await stripe.signForTest(body));
    expect(first).toEqual({ status: 200, body: { received: true, result: "paid" } });
    expect(resultOf((await webhook(body, await stripe.signForTest(body))).body)).toBe("duplicate");
    expect((await orderAs(shopper.token, order.id)).status).toBe("paid");
  });

  it("rejects a bad signature and a stale one (over 300 s) with 400", async () => {
    const { order, session } = await stripePayment();
    const body = event(session, order.total);
    expectError(await webhook(body, "t=1,v1=deadbeef"), 400, "invalid_request");
    expectError(
      await webhook(body, await stripe.signForTest(body, Math.floor(Date.now() / 1000) - 301)),
      400,
      "invalid_request",
    );
    expectError(
      await webhook(body.replace(String(order.total), "1"), await stripe.signForTest(body)),
      400,
      "invalid_request",
    );
  });
});

describe("malformed gateway messages", () => {
  const bodies = [
    "not json at all",
    "",
    "null",
    "[]",
    '"just a string"',
    '{"authority":"SBX-000000000000000000000000","note":"\\u0000"}',
    '{"weird":"\\ud800 lone surrogate"}',
    '{"\\u0000key":1}',
    `${"[".repeat(5_000)}${"]".repeat(5_000)}`,
    JSON.stringify({ filler: "x".repeat(60_000) }),
    '{"amount":"1e309","timestamp":1e400}',
  ];

  it.each(["/payments/sandbox/callback", "/payments/stripe/webhook"])(
    "answers every malformed message to %s with 400 in the error shape, and records each one",
    async (path) => {
      const ip = randomIp();
      for (const body of bodies) {
        const response = await exports.default.fetch(`${origin}/api/v1${path}`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "x-sandbox-signature": "00",
            "stripe-signature": "t=1,v1=00",
            "cf-connecting-ip": ip,
          },
          body,
        });
        // A deliberately malformed message: its answer is read as the error it must be.
        const refusal = await response.json<ErrorBody>();
        expect(response.status, body.slice(0, 40)).toBe(400);
        expect(refusal.error).toMatchObject({ code: "invalid_request", message: expect.any(String) });
      }
      expect(await rejections(ip)).toBe(bodies.length);
      const largest = await withServices(async ({ db }) => {
        const result = await db.execute<{ n: number }>(sql`
          SELECT max(length(payload::text))::int AS n FROM gateway_rejections WHERE client_address = ${clientAddressKey(ip)}`);
        return result.rows[0].n;
      });
      expect(largest).toBeLessThanOrEqual(20_000);
    },
  );
});
