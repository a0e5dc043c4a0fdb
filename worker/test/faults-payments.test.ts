import { env } from "cloudflare:workers";
import { sql } from "drizzle-orm";
import type { InferResponseType } from "hono/client";
import { describe, expect, it } from "vitest";
import { expectStatus } from "../../test/support/client.ts";
import {
  type Answer,
  type Bindings,
  faultClient,
  faultProxy,
  isError,
  report,
  send,
  timed,
} from "../../test/support/faults.ts";
import {
  address,
  createProduct,
  createShoppers,
  type ErrorBody,
  seedAdmin,
  tokenFor,
  withServices,
} from "../../test/support/shop.ts";
import { SandboxGateway } from "../payments/sandbox.ts";

/**
 * The shopper's own return from the sandbox bank is the bank page's button (`POST /sandbox/pay/…`: the
 * bank delivers its signed callback, then sends the shopper back to the order page, which they open).
 * A gateway callback of the bank's own (`POST /payments/sandbox/callback`, say its server-to-server
 * notification or a retry) arrives before, during or after that return.
 */
const bank = new SandboxGateway(env.SANDBOX_GATEWAY_SECRET ?? "");

type Api = ReturnType<typeof faultClient>;
/** The shop's acknowledgement of a gateway callback. */
type CallbackAck = InferResponseType<Api["payments"]["sandbox"]["callback"]["$post"], 200>;
/** Where the bank's button sends the shopper next. */
type Redirect = InferResponseType<Api["sandbox"]["pay"][":authority"]["$post"], 200>;
/**
 * What the bank's button answers: where to go next, or, for a session paid meanwhile, 409
 * invalid_transition with where to go in its details (a refusal its route does not declare).
 */
type Pressed = Redirect | { error: ErrorBody["error"] & { details: Redirect } };
/** An order as its shopper reads it. */
type Order = InferResponseType<Api["orders"][":id"]["$get"], 200>;

async function pendingPayment() {
  const [shopper] = await createShoppers(1);
  const product = await createProduct({ stock: 10, price: 4_000, shipping: 500 });
  const shop = faultClient({ token: shopper.token });
  await timed(
    shop.cart.variants[":variantId"].$put({ param: { variantId: product.variantId }, json: { quantity: 2 } }),
  );
  const order = expectStatus(
    await timed(
      shop.checkout.$post({ json: { shippingAddress: address }, header: { "idempotency-key": crypto.randomUUID() } }),
    ),
    201,
  );
  const started = expectStatus(await timed(shop.orders[":id"].payment.$post({ param: { id: order.id } })), 201);
  return { shopper, order, authority: started.redirectUrl.split("/").at(-1) as string };
}

/** Raw: the signed body goes as it is, which the route (reading its text) declares no schema for. */
const deliver = (body: string, signature: string, overrides?: Bindings) =>
  send<CallbackAck>("/payments/sandbox/callback", {
    method: "POST",
    headers: { "content-type": "application/json", "x-sandbox-signature": signature },
    body: JSON.parse(body),
    env: overrides,
  });

/** A thrown request (the runtime's own 500) as an answer, so that the check says what came back. */
const answered = (request: Promise<Answer>) =>
  request.catch((error: unknown) => ({
    status: 0,
    body: { thrown: `${(error as object)?.constructor?.name}: ${String((error as Error)?.message ?? error)}` },
    headers: new Headers(),
    ms: Number.NaN,
  }));

const paymentsOf = (orderId: string) =>
  withServices(async ({ db }) => {
    const result = await db.execute<{ status: string; transactionId: string | null }>(sql`
      SELECT status, transaction_id AS "transactionId" FROM payments WHERE order_id = ${orderId}`);
    return result.rows;
  });

/** The shopper back from the bank: the bank's answer and the order page's. */
type Returned = { bank: Answer; page: Answer<Order> };

/**
 * The shopper presses "pay" at the bank and comes back to the order page. A session that was paid
 * meanwhile (the bank's own callback came first) takes no money again: the bank says it is closed
 * and leads back to the order.
 */
async function shopperReturns(authority: string, token: string): Promise<Returned> {
  // Raw: its route does not declare the 409 it answers for a session paid meanwhile.
  const pressed = await send<Pressed>(`/sandbox/pay/${authority}`, { body: { outcome: "success" } });
  const closed = pressed.status === 409 && "error" in pressed.body && pressed.body.error.code === "invalid_transition";
  expect(pressed.status === 200 || closed, JSON.stringify(pressed.body)).toBe(true);
  // The bank sends the shopper to the order page, which reads the order from the API (raw: a URL the shop gave).
  const { redirectUrl } = "error" in pressed.body ? pressed.body.error.details : pressed.body;
  const page = await send<Order>(redirectUrl, { token });
  return { bank: pressed, page };
}

const historyOf = (orderId: string) =>
  withServices(async ({ db }) => {
    const result = await db.execute<{ outcome: string; reason: string | null; eventId: string | null }>(sql`
      SELECT h.outcome, h.reason, h.event_id AS "eventId" FROM payment_history h JOIN payments p ON p.id = h.payment_id
      WHERE p.order_id = ${orderId} ORDER BY h.received_at, h.id`);
    return result.rows;
  });

async function expectPaidOnce(orderId: string, token: string) {
  const order = expectStatus(await timed(faultClient({ token }).orders[":id"].$get({ param: { id: orderId } })), 200);
  expect(order.status).toBe("paid");
  expect(order.events.map((e) => e.status)).toEqual(["pending_payment", "paid"]);
  expect(order.events.filter((e) => e.status === "paid")).toEqual([expect.objectContaining({ actor: "gateway" })]);
  return order;
}

describe("a gateway callback and the shopper's own return from the bank", () => {
  const orders = {
    before: async (callback: () => Promise<Answer<CallbackAck>>, back: () => Promise<Returned>) => {
      const first = await callback();
      return { callback: first, ...(await back()) };
    },
    during: async (callback: () => Promise<Answer<CallbackAck>>, back: () => Promise<Returned>) => {
      const [first, returned] = await Promise.all([callback(), back()]);
      return { callback: first, ...returned };
    },
    after: async (callback: () => Promise<Answer<CallbackAck>>, back: () => Promise<Returned>) => {
      const returned = await back();
      return { callback: await callback(), ...returned };
    },
  };

  for (const [when, run] of Object.entries(orders)) {
    it(`callback ${when} the return: the order is paid once, with one paid event`, async () => {
      const { shopper, order, authority } = await pendingPayment();
      const signed = await bank.signCallback({ authority, outcome: "success", amount: order.total, currency: "USD" });
      const seen = await run(
        () => deliver(signed.body, signed.signature),
        () => shopperReturns(authority, shopper.token),
      );
      console.log(
        `payment: callback ${when} the shopper's return → callback ${seen.callback.status} ${seen.callback.body.result}, order page ${seen.page.body.status}`,
      );
      expect(seen.callback.status).toBe(200);
      // Whichever success comes second changes nothing: the payment was taken once.
      const expected = { before: ["paid"], during: ["paid", "duplicate"], after: ["duplicate"] }[when];
      expect(expected).toContain(seen.callback.body.result);
      const paid = await expectPaidOnce(order.id, shopper.token);
      // The bank's button delivered its own callback before sending the shopper back: the page shows it paid.
      expect(seen.page.body.status).toBe("paid");
      // Each message was applied once: every gateway event id is processed at most once.
      const processed = (await historyOf(order.id)).filter((h) => h.outcome === "processed");
      expect(new Set(processed.map((h) => h.eventId)).size).toBe(processed.length);
      expect(paid.total).toBe(order.total);
    });
  }

  it("the bank's retry of the very payment after the return: a duplicate, paid once, the payment still the one that succeeded", async () => {
    const { shopper, order, authority } = await pendingPayment();
    await shopperReturns(authority, shopper.token);
    const [payment] = (
      await withServices(({ db }) =>
        db.execute<{ transactionId: string; status: string }>(
          sql`SELECT transaction_id AS "transactionId", status FROM payments WHERE order_id = ${order.id}`,
        ),
      )
    ).rows;
    expect(payment.status).toBe("succeeded");
    // The same transaction again, as a gateway retries a notification: a fresh nonce and signature.
    const body = JSON.stringify({
      authority,
      outcome: "success",
      amount: order.total,
      currency: "USD",
      transactionId: payment.transactionId,
      cardLast4: "4242",
      nonce: crypto.randomUUID().replaceAll("-", ""),
      timestamp: Math.floor(Date.now() / 1000),
    });
    const retried = await Promise.all([1, 2, 3].map(() => deliver(body, "")));
    expect(retried.map((r) => r.status)).toEqual([400, 400, 400]);
    const answers = await Promise.all(
      [1, 2, 3].map(async (i) => {
        const fresh = JSON.stringify({ ...JSON.parse(body), nonce: `${JSON.parse(body).nonce}${i}` });
        return deliver(fresh, await bank.signature(fresh));
      }),
    );
    expect(answers.map((a) => a.body.result)).toEqual(["duplicate", "duplicate", "duplicate"]);
    await expectPaidOnce(order.id, shopper.token);
    const [after] = (
      await withServices(({ db }) =>
        db.execute<{ transactionId: string; status: string }>(
          sql`SELECT transaction_id AS "transactionId", status FROM payments WHERE order_id = ${order.id}`,
        ),
      )
    ).rows;
    expect(after).toEqual(payment);
  });
});

describe("a gateway callback while the database's WebSocket fails", () => {
  it("refuse: a gateway callback answers 503 unavailable in the error shape and leaves the payment pending", async () => {
    const { order, authority } = await pendingPayment();
    const signed = await bank.signCallback({ authority, outcome: "success", amount: order.total, currency: "USD" });
    const proxy = await faultProxy("postgres-ws", "refuse");
    let callback: Answer;
    try {
      callback = await answered(deliver(signed.body, signed.signature, proxy.env));
    } finally {
      await proxy.close();
    }
    report("postgres-ws refuse: POST /payments/sandbox/callback", callback);
    expect(isError(callback, 503, "unavailable"), JSON.stringify(callback.body)).toBe(true);
    expect(await paymentsOf(order.id)).toEqual([{ status: "pending", transactionId: null }]);
  });

  it("cut inside the callback's transaction: 503 unavailable, nothing applied, the redelivery pays once", async () => {
    const { shopper, order, authority } = await pendingPayment();
    const signed = await bank.signCallback({ authority, outcome: "success", amount: order.total, currency: "USD" });
    // Startup, BEGIN, the payment lock, its history row, the order's move: the next message is cut.
    const proxy = await faultProxy("postgres-ws");
    await proxy.cutAfterMessages(5);
    let cut: Answer;
    try {
      cut = await answered(deliver(signed.body, signed.signature, proxy.env));
    } finally {
      await proxy.close();
    }
    report("postgres-ws cut inside the callback's transaction", cut);
    const pending = expectStatus(
      await timed(faultClient({ token: shopper.token }).orders[":id"].$get({ param: { id: order.id } })),
      200,
    );
    expect(pending.status).toBe("pending_payment");
    expect(await paymentsOf(order.id)).toEqual([{ status: "pending", transactionId: null }]);
    const first = JSON.parse(signed.body);
    const again = JSON.stringify({ ...first, nonce: `${first.nonce}-redelivered` });
    expect((await deliver(again, await bank.signature(again))).body.result).toBe("paid");
    expect(isError(cut, 503, "unavailable"), JSON.stringify(cut.body)).toBe(true);
  });
});

describe("a payment taken once", () => {
  it("two successes for one payment (the bank's callback, then the shopper's press under a new transaction id): the payment keeps the transaction that paid, and a refund returns that money", async () => {
    const { shopper, order, authority } = await pendingPayment();
    const signed = await bank.signCallback({ authority, outcome: "success", amount: order.total, currency: "USD" });
    expect((await deliver(signed.body, signed.signature)).body.result).toBe("paid");
    const [paid] = await paymentsOf(order.id);
    await timed(faultClient().sandbox.pay[":authority"].$post({ param: { authority }, json: { outcome: "success" } }));
    const shop = faultClient({ token: shopper.token });
    expect(expectStatus(await timed(shop.orders[":id"].$get({ param: { id: order.id } })), 200).status).toBe("paid");
    const afterSecond = await paymentsOf(order.id);
    const refund = await timed(
      faultClient({ token: await tokenFor(seedAdmin, "admin") }).admin.orders[":id"].refund.$post({
        param: { id: order.id },
      }),
    );
    const refunded = refund.status === 200 ? refund.body.status : undefined;
    const afterRefund = await paymentsOf(order.id);
    console.log(
      `double success: paid ${JSON.stringify(paid)}, after the second ${JSON.stringify(afterSecond)}, refund ${refund.status} ${refunded}, then ${JSON.stringify(afterRefund)}`,
    );
    expect(afterSecond).toContainEqual(paid);
    expect(refunded).toBe("refunded");
    expect(afterRefund).toContainEqual({ status: "refunded", transactionId: paid.transactionId });
  });
});
