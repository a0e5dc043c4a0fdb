import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Database } from "../../db/client.ts";
import { expectStatus } from "../../test/support/client.ts";
import {
  type Answer,
  type Bindings,
  faultClient,
  faultProxy,
  isError,
  report,
  timed,
} from "../../test/support/faults.ts";
import {
  address,
  createProduct,
  createShoppers,
  createSizedProduct,
  seedAdmin,
  tokenFor,
  withServices,
} from "../../test/support/shop.ts";

/**
 * Checkout is two round trips over Neon's HTTP path (worker/services/checkout.service.ts): a read
 * batch, then one write batch that is a transaction of its own (lock the key, take the cart, reserve
 * stock, count the coupon, write the order). The connection is cut while Postgres runs that write
 * batch: a row or advisory lock held here makes it wait at a chosen statement, and the cut comes while
 * it waits. Every call goes through `faultClient`, which lets each request's background work finish first.
 */

interface Scene {
  shopper: { id: string; token: string };
  variants: string[];
  code: string;
}

async function scene(): Promise<Scene> {
  const [shopper] = await createShoppers(1);
  const lamp = await createProduct({ stock: 5, price: 3_000, shipping: 200 });
  const shirt = await createSizedProduct({ S: 4, M: 2 });
  const admin = await tokenFor(seedAdmin, "admin");
  const coupon = await timed(
    faultClient({ token: admin }).admin.coupons.$post({
      json: { title: "Cut", kind: "percent", value: 10, validFor: "P1D", usageLimit: 50 },
    }),
  );
  const granted = await timed(
    faultClient({ token: admin }).admin.coupons[":id"].grants.$post({
      param: { id: expectStatus(coupon, 201).id },
      json: { userId: shopper.id },
    }),
  );
  for (const [variantId, quantity] of [
    [lamp.variantId, 2],
    [shirt.variants.M, 1],
  ] as const) {
    const line = await timed(
      faultClient({ token: shopper.token }).cart.variants[":variantId"].$put({
        param: { variantId },
        json: { quantity },
      }),
    );
    expect(line.status).toBe(200);
  }
  return { shopper, variants: [lamp.variantId, shirt.variants.M], code: expectStatus(granted, 201).code };
}

/** Everything a checkout changes, read straight from Postgres. */
const stateOf = ({ shopper, variants, code }: Scene) =>
  withServices(async ({ db }) => {
    const result = await db.execute<Record<string, unknown>>(sql`
      SELECT
        (SELECT count(*)::int FROM orders WHERE user_id = ${shopper.id}) AS orders,
        (SELECT count(*)::int FROM order_items i JOIN orders o ON o.id = i.order_id WHERE o.user_id = ${shopper.id}) AS "orderItems",
        (SELECT json_agg(stock_qty ORDER BY id) FROM product_variants WHERE id IN (${variants[0]}, ${variants[1]})) AS stock,
        (SELECT uses FROM user_coupons WHERE code = ${code}) AS "couponUses",
        (SELECT c.used_count FROM coupons c JOIN user_coupons uc ON uc.coupon_id = c.id WHERE uc.code = ${code}) AS "couponUsed",
        (SELECT json_agg(json_build_object('variantId', ci.variant_id, 'quantity', ci.quantity) ORDER BY ci.variant_id)
           FROM cart_items ci JOIN carts c ON c.id = ci.cart_id WHERE c.user_id = ${shopper.id}) AS cart,
        (SELECT version FROM carts WHERE user_id = ${shopper.id}) AS "cartVersion"`);
    return result.rows[0];
  });

/** The scene's checkout with the idempotency key given, through the proxy's bindings when there are any. */
const checkout = (s: Scene, key: string, env?: Bindings) =>
  timed(
    faultClient({ token: s.shopper.token, env }).checkout.$post({
      json: { couponCode: s.code, shippingAddress: address },
      header: { "idempotency-key": key },
    }),
  );

type Waiter = {
  waitsFor: string;
  wrote: boolean;
};

/**
 * Holds `lock` in a transaction of its own while `during` runs; `blocked()` resolves with the backends
 * that wait for it once one does, `released()` once no backend waits for it any more.
 */
async function holding<T>(
  lock: (tx: Database) => Promise<unknown>,
  during: (waits: { blocked(): Promise<Waiter[]>; released(): Promise<void> }) => Promise<T>,
): Promise<T> {
  return withServices((ctx) =>
    ctx.transaction(async (tx) => {
      await lock(tx);
      // Who waits for this transaction: on what, and whether it has written anything yet (an xid). The
      // activity view is read afresh each time (a transaction otherwise keeps its first snapshot of it).
      const waiting = async () => {
        await tx.execute(sql`SELECT pg_stat_clear_snapshot()`);
        return (
          await tx.execute<Waiter>(sql`
            SELECT wait_event AS "waitsFor", backend_xid IS NOT NULL AS wrote
            FROM pg_stat_activity WHERE pg_backend_pid() = ANY(pg_blocking_pids(pid))`)
        ).rows;
      };
      const until = async (what: string, done: (waiters: Waiter[]) => boolean) => {
        const deadline = Date.now() + 4_000;
        for (;;) {
          const waiters = await waiting();
          if (done(waiters)) return waiters;
          if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      };
      return during({
        blocked: () => until("the checkout waits for the lock", (waiters) => waiters.length > 0),
        released: async () => {
          await until("no backend waits for the lock", (waiters) => waiters.length === 0);
        },
      });
    }),
  );
}

/** Where the write batch is made to wait: the lock, and how its backend waits (and whether it wrote yet). */
const locks = {
  /** The checkout's first write (its idempotency lock): nothing of the write batch has run. */
  "before any write": {
    lock: (s: Scene, key: string) => (tx: Database) =>
      tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`${s.shopper.id}:${key}`}, 0))`),
    waiter: { waitsFor: "advisory", wrote: false },
  },
  /** The coupon use: the cart was taken and the stock reserved in the batch's transaction already. */
  "after the cart was taken and the stock reserved": {
    lock: (s: Scene) => (tx: Database) => tx.execute(sql`SELECT 1 FROM user_coupons WHERE code = ${s.code} FOR UPDATE`),
    waiter: { waitsFor: "transactionid", wrote: true },
  },
};

describe("the database connection cut in the middle of a checkout", () => {
  for (const [where, { lock, waiter }] of Object.entries(locks)) {
    it(`cut ${where}: 503, no partial order, stock, coupon and cart untouched; the retry makes exactly one order`, async () => {
      const s = await scene();
      const key = crypto.randomUUID();
      const before = await stateOf(s);
      const proxy = await faultProxy("postgres-http");
      let answer: Answer;
      try {
        answer = await holding(lock(s, key), async ({ blocked, released }) => {
          const pending = checkout(s, key, proxy.env);
          expect(await blocked()).toEqual([waiter]);
          expect(await proxy.cut()).toBeGreaterThan(0);
          const cut = await pending;
          // The backend that ran the batch gave up while it still waited: it never got past the lock.
          await released();
          return cut;
        });
      } finally {
        await proxy.close();
      }
      report(`checkout cut ${where}`, answer);
      expect(isError(answer, 503, "unavailable"), JSON.stringify(answer.body)).toBe(true);
      expect(await stateOf(s)).toEqual(before);

      const retry = await checkout(s, key);
      const order = expectStatus(retry, 201);
      const again = await checkout(s, key);
      expect(again.body).toEqual(retry.body);
      const after = await stateOf(s);
      expect(after).toMatchObject({
        orders: 1,
        orderItems: 2,
        couponUses: (before.couponUses as number) + 1,
        couponUsed: (before.couponUsed as number) + 1,
        cart: null,
      });
      const stockBefore = before.stock as number[];
      const taken = Object.fromEntries(order.items.map((i) => [i.variantId, i.quantity]));
      const stockAfter = after.stock as number[];
      const ids = [...s.variants].sort();
      for (const [i, id] of ids.entries()) expect(stockAfter[i]).toBe(stockBefore[i] - taken[id]);
    });
  }

  it("cut after the commit, before the answer arrives: 503, and the retry with the same key answers the one order that committed", async () => {
    const s = await scene();
    const key = crypto.randomUUID();
    const before = await stateOf(s);
    const proxy = await faultProxy("postgres-http");
    let answer: Answer;
    try {
      const pending = await holding(locks["before any write"].lock(s, key), async ({ blocked }) => {
        const request = checkout(s, key, proxy.env);
        await blocked();
        // The batch's answer will be held in the network; the lock goes when this transaction ends.
        await proxy.setMode("hang");
        return { request };
      });
      const deadline = Date.now() + 3_000;
      while ((await stateOf(s)).orders === 0) {
        if (Date.now() > deadline) throw new Error("the checkout did not commit");
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(await proxy.cut()).toBeGreaterThan(0);
      answer = await pending.request;
    } finally {
      await proxy.close();
    }
    report("checkout cut after the commit", answer);
    expect(isError(answer, 503, "unavailable"), JSON.stringify(answer.body)).toBe(true);

    const committed = await stateOf(s);
    expect(committed).toMatchObject({ orders: 1, orderItems: 2, cart: null });
    const retry = expectStatus(await checkout(s, key), 201);
    expect(retry).toMatchObject({ status: "pending_payment", couponCode: s.code });
    expect(await stateOf(s)).toEqual(committed);
    expect(committed).toMatchObject({
      couponUses: (before.couponUses as number) + 1,
      couponUsed: (before.couponUsed as number) + 1,
    });
    const units =
      (before.stock as number[]).reduce((a, b) => a + b, 0) - (committed.stock as number[]).reduce((a, b) => a + b, 0);
    expect(units).toBe(3);
    const listed = expectStatus(await timed(faultClient({ token: s.shopper.token }).orders.$get({ query: {} })), 200);
    expect(listed.items.map((o) => o.id)).toEqual([retry.id]);
  });
});
