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
  expectError,
  origin,
  pressSandboxButton,
  resultOf,
  seedAdmin,
  setLine,
  startPaymentAs,
  stockOf,
  tokenFor,
  withActor,
  withServices,
} from "../../test/support/shop.ts";
import type { PaymentGateway } from "../payments/gateway.ts";
import { SandboxGateway } from "../payments/sandbox.ts";
import { StripeGateway } from "../payments/stripe.ts";
import type { ShopContext } from "../platform/context.ts";
import { refundOrder } from "../services/payments.service.ts";
import { refundDuePayments, refundPayment, refundRetryDelaySeconds } from "../services/refunds.service.ts";

const bank = new SandboxGateway(env.SANDBOX_GATEWAY_SECRET ?? "");

async function pendingOrder() {
  const [shopper] = await createShoppers(1);
  const product = await createProduct({ stock: 10, price: 4_000, shipping: 500 });
  await setLine(shopper.token, product.id, 1);
  const order = expectStatus(await checkoutAs(shopper.token, { shippingAddress: address }), 201);
  return { shopper, product, order };
}

/** Staff's try at refunding one payment of an order. */
const refundPaymentAs = (token: string, id: string, paymentId: string) =>
  answer(client({ token }).admin.orders[":id"].payments[":paymentId"].refund.$post({ param: { id, paymentId } }));

/** A success the bank reports for a session, as its own server-to-server notification. */
async function bankReports(authority: string, amount: number) {
  const signed = await bank.signCallback({ authority, outcome: "success", amount, currency: "USD" });
  return deliverSandboxCallback(signed.body, signed.signature);
}

const staffDetail = async (orderId: string) => {
  const staff = client({ token: await tokenFor(seedAdmin, "admin") });
  return expectStatus(await answer(staff.admin.orders[":id"].$get({ param: { id: orderId } })), 200);
};

const paymentRow = (paymentId: string) =>
  withServices(async ({ db }) => {
    const result = await db.execute<{ status: string; refund_attempts: number; due_in: number | null }>(sql`
      SELECT status, refund_attempts, extract(epoch FROM refund_next_at - now())::int AS due_in
      FROM payments WHERE id = ${paymentId}`);
    return result.rows[0];
  });

/** The sandbox bank, except that its refunds fail (an outage), counting what it was asked. */
function failingBank() {
  const refunds: string[] = [];
  const gateway: PaymentGateway = Object.assign(Object.create(bank), {
    refund: async (payment: { paymentId: string }) => {
      refunds.push(payment.paymentId);
      throw new Error("the bank's refund desk is down");
    },
  });
  return { gateway, refunds };
}

const withGateway = <C extends ShopContext>(ctx: C, gateway: PaymentGateway): C =>
  Object.create(ctx, { gateway: { value: () => gateway } });

describe("money taken twice for one order", () => {
  it("closes the first session when a second tab starts another, and gives back a late payment of the first by itself", async () => {
    const { shopper, order } = await pendingOrder();
    const first = await startPaymentAs(shopper.token, order.id);
    const second = await startPaymentAs(shopper.token, order.id);
    // The first tab's bank page no longer takes money: one open session per order.
    expectError(await pressSandboxButton(first.authority, "success"), 409, "invalid_transition");
    expect((await pressSandboxButton(second.authority, "success")).status).toBe(200);
    // The first session's bank took money before it heard the session was closed.
    expect(resultOf((await bankReports(first.authority, order.total)).body)).toBe("refund_due");

    const read = await answer(client({ token: shopper.token }).orders[":id"].$get({ param: { id: order.id } }));
    expect(expectStatus(read, 200).status).toBe("paid");
    await expect.poll(async () => (await paymentRow(first.paymentId)).status).toBe("refunded");
    const detail = await staffDetail(order.id);
    const byId = Object.fromEntries(detail.payments.map((p) => [p.id, p]));
    expect(byId[second.paymentId]).toMatchObject({ status: "succeeded", refund: null });
    expect(byId[first.paymentId]).toMatchObject({
      status: "refunded",
      refund: { reason: "a second payment for an order already paid", attempts: 1, lastError: null },
    });
  });

  it("closes a declined session as well when a newer one starts, so only the newest takes money", async () => {
    const { shopper, order } = await pendingOrder();
    const declined = await startPaymentAs(shopper.token, order.id);
    await pressSandboxButton(declined.authority, "failure");
    // Declined, the session may be tried again at the bank, until a newer one replaces it.
    const newer = await startPaymentAs(shopper.token, order.id);
    expectError(await pressSandboxButton(declined.authority, "success"), 409, "invalid_transition");
    expect((await paymentRow(declined.paymentId)).status).toBe("expired");
    expect((await pressSandboxButton(newer.authority, "success")).status).toBe(200);
  });

  it("answers a second press of a paid session's button as closed, taking nothing twice", async () => {
    const { shopper, order } = await pendingOrder();
    const { authority, paymentId } = await startPaymentAs(shopper.token, order.id);
    const presses = await Promise.all([1, 2].map(() => pressSandboxButton(authority, "success")));
    expect(presses.map((p) => p.status).sort()).toEqual([200, 409]);
    expect((await paymentRow(paymentId)).status).toBe("succeeded");
    const detail = await staffDetail(order.id);
    expect(detail.payments).toHaveLength(1);
  });
});

describe("a refund the gateway refuses", () => {
  it("leaves the order refunded and the payment refund_pending with its error, then the schedule retries it until it goes through", async () => {
    const { shopper, order, product } = await pendingOrder();
    const { authority, paymentId } = await startPaymentAs(shopper.token, order.id);
    await pressSandboxButton(authority, "success");
    const outage = failingBank();

    const refunded = await withActor(seedAdmin.id, (ctx) => refundOrder(withGateway(ctx, outage.gateway), order.id));
    expect(refunded.status).toBe("refunded");
    expect(await stockOf(product.variantId)).toBe(10);
    expect(outage.refunds).toEqual([paymentId]);
    const waiting = await paymentRow(paymentId);
    expect(waiting).toMatchObject({ status: "refund_pending", refund_attempts: 1 });
    expect(waiting.due_in).toBeGreaterThan(refundRetryDelaySeconds(1) - 10);
    expect((await staffDetail(order.id)).payments[0].refund).toMatchObject({
      reason: "the order was refunded",
      attempts: 1,
      lastError: "Error: the bank's refund desk is down",
      nextAttemptAt: expect.any(String),
    });

    // Not due yet: the schedule leaves it alone.
    await withServices((ctx) => refundDuePayments(withGateway(ctx, outage.gateway)));
    expect(outage.refunds).toHaveLength(1);
    // Due, and the bank still down: a second failure waits twice as long.
    await makeDue(paymentId);
    await withServices((ctx) => refundDuePayments(withGateway(ctx, outage.gateway)));
    expect(outage.refunds).toHaveLength(2);
    const again = await paymentRow(paymentId);
    expect(again).toMatchObject({ status: "refund_pending", refund_attempts: 2 });
    expect(again.due_in).toBeGreaterThan(refundRetryDelaySeconds(2) - 10);
    // Due again, and the bank back: refunded.
    await makeDue(paymentId);
    await withServices((ctx) => refundDuePayments(ctx));
    expect(await paymentRow(paymentId)).toMatchObject({ status: "refunded", refund_attempts: 3 });
    const history = (await staffDetail(order.id)).payments[0].history.map((h) => h.outcome);
    expect(history).toEqual(["processed", "refund_failed", "refund_failed", "refunded"]);
  });

  it("lets staff try one payment's refund again at once, from the order", async () => {
    const { shopper, order } = await pendingOrder();
    const { authority, paymentId } = await startPaymentAs(shopper.token, order.id);
    await pressSandboxButton(authority, "success");
    await withActor(seedAdmin.id, (ctx) => refundOrder(withGateway(ctx, failingBank().gateway), order.id));
    expect((await paymentRow(paymentId)).status).toBe("refund_pending");

    const admin = await tokenFor(seedAdmin, "admin");
    const retried = expectStatus(await refundPaymentAs(admin, order.id, paymentId), 200);
    expect(retried.status).toBe("refunded");
    expect(retried.payments[0]).toMatchObject({ status: "refunded", refund: { attempts: 2, lastError: null } });
    expectError(await refundPaymentAs(admin, order.id, paymentId), 409, "invalid_transition");
  });

  it("tries a refund once however many workers reach it at once", async () => {
    const { shopper, order } = await pendingOrder();
    const { authority, paymentId } = await startPaymentAs(shopper.token, order.id);
    await pressSandboxButton(authority, "success");
    await withActor(seedAdmin.id, (ctx) => refundOrder(withGateway(ctx, failingBank().gateway), order.id));
    await makeDue(paymentId);
    let calls = 0;
    const slowBank: PaymentGateway = Object.assign(Object.create(bank), {
      refund: async () => {
        calls += 1;
        await new Promise((resolve) => setTimeout(resolve, 200));
      },
    });
    const outcomes = await Promise.all(
      Array.from({ length: 6 }, () => withServices((ctx) => refundPayment(withGateway(ctx, slowBank), paymentId))),
    );
    expect(calls).toBe(1);
    expect(outcomes.filter((o) => o === "refunded")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "not_due")).toHaveLength(5);
    const history = (await staffDetail(order.id)).payments[0].history.map((h) => h.outcome);
    expect(history.filter((h) => h === "refunded")).toHaveLength(1);
  });

  it("backs off from a minute, doubling, to six hours at most", () => {
    expect([1, 2, 3, 4, 5, 9, 10, 30].map(refundRetryDelaySeconds)).toEqual([
      60, 120, 240, 480, 960, 15_360, 21_600, 21_600,
    ]);
  });
});

describe("staff refunding one payment", () => {
  it("refunds the order through the payment that paid it, and refuses payments with nothing to give back", async () => {
    const { shopper, order, product } = await pendingOrder();
    const declined = await startPaymentAs(shopper.token, order.id);
    await pressSandboxButton(declined.authority, "failure");
    const paid = await startPaymentAs(shopper.token, order.id);
    await pressSandboxButton(paid.authority, "success");
    const admin = await tokenFor(seedAdmin, "admin");

    expectError(await refundPaymentAs(admin, order.id, declined.paymentId), 409, "invalid_transition");
    const other = await pendingOrder();
    expectError(await refundPaymentAs(admin, other.order.id, paid.paymentId), 404, "not_found");
    const refunded = expectStatus(await refundPaymentAs(admin, order.id, paid.paymentId), 200);
    expect(refunded.status).toBe("refunded");
    expect(refunded.payments.find((p) => p.id === paid.paymentId)).toMatchObject({
      status: "refunded",
      refund: { reason: "refunded by staff" },
    });
    expect(refunded.events.at(-1)).toMatchObject({ status: "refunded", actor: "staff" });
    expect(await stockOf(product.variantId)).toBe(10);
  });
});

describe("gateway sessions and the order's reservation", () => {
  it("closes a sandbox session with the order's reservation, and a canceled order's sessions at once", async () => {
    const { shopper, order } = await pendingOrder();
    const { authority, paymentId } = await startPaymentAs(shopper.token, order.id);
    const detail = await staffDetail(order.id);
    // No closing time (null) parses to NaN and fails the check.
    const sessionEnds = Date.parse(detail.payments[0].expiresAt ?? "");
    expect(Math.abs(sessionEnds - Date.parse(order.expiresAt))).toBeLessThan(1);
    // The reservation ran out (the schedule has not canceled it yet): the bank takes nothing.
    await withServices(({ db }) =>
      db.execute(sql`UPDATE payments SET expires_at = now() - interval '1 second' WHERE id = ${paymentId}`),
    );
    const page = await exports.default.fetch(`${origin}/api/v1/sandbox/pay/${authority}`);
    expect(await page.text()).toContain("This payment is closed");
    expectError(await pressSandboxButton(authority, "success"), 409, "invalid_transition");

    const next = await pendingOrder();
    const open = await startPaymentAs(next.shopper.token, next.order.id);
    await answer(client({ token: next.shopper.token }).orders[":id"].cancel.$post({ param: { id: next.order.id } }));
    expect((await paymentRow(open.paymentId)).status).toBe("expired");
  });

  it("asks Stripe for a session that closes with the reservation or as soon after as Stripe allows, refunds once per payment and expires sessions", async () => {
    const requests: Request[] = [];
    const fetcher = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      requests.push(request.clone());
      const path = new URL(request.url).pathname;
      if (path === "/v1/checkout/sessions") {
        return Response.json({ id: "cs_test_1", object: "checkout.session", url: "https://checkout.stripe.test/1" });
      }
      return Response.json({ id: "x", object: path.includes("refunds") ? "refund" : "checkout.session" });
    }) as typeof fetch;
    const stripe = new StripeGateway("sk_test_x", "whsec_x", { fetcher });
    const now = Date.now();
    const soon = await stripe.start({
      paymentId: "p1",
      orderId: "o1",
      amount: 4_500,
      currency: "USD",
      origin,
      reservedUntil: new Date(now + 15 * 60_000),
    });
    const late = await stripe.start({
      paymentId: "p2",
      orderId: "o2",
      amount: 4_500,
      currency: "USD",
      origin,
      reservedUntil: new Date(now + 3 * 3_600_000),
    });
    const asked = await Promise.all(requests.slice(0, 2).map(async (r) => new URLSearchParams(await r.text())));
    const expiresAt = asked.map((form) => Number(form.get("expires_at")));
    // Stripe keeps a session at least 30 minutes: the shop closes it itself when the reservation ends first.
    expect(expiresAt[0] - now / 1000).toBeGreaterThanOrEqual(30 * 60);
    expect(expiresAt[0] - now / 1000).toBeLessThan(32 * 60);
    expect(expiresAt[1]).toBe(Math.ceil((now + 3 * 3_600_000) / 1000));
    expect([soon.expiresAt.getTime(), late.expiresAt.getTime()]).toEqual(expiresAt.map((s) => s * 1000));

    await stripe.refund({ paymentId: "p1", attempt: 2, authority: "cs_test_1", authorizedKey: "pi_1", amount: 4_500 });
    const refund = requests[2];
    expect(new URL(refund.url).pathname).toBe("/v1/refunds");
    // Each attempt its own key: Stripe answers a key's first answer again for a day, a failure too.
    expect(refund.headers.get("idempotency-key")).toBe("refund-p1-2");
    expect(Object.fromEntries(new URLSearchParams(await refund.text()))).toEqual({
      payment_intent: "pi_1",
      amount: "4500",
    });

    await stripe.expire("cs_test_1");
    expect(new URL(requests[3].url).pathname).toBe("/v1/checkout/sessions/cs_test_1/expire");
  });
});

async function makeDue(paymentId: string) {
  await withServices(({ db }) =>
    db.execute(sql`UPDATE payments SET refund_next_at = now() - interval '1 second' WHERE id = ${paymentId}`),
  );
}
