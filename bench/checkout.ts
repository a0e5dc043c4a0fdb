import pg from "pg";
import { inParallel, type ShopClient } from "./api.ts";
import type { Purchasable, Shopper } from "./dataset.ts";
import { type LoadResult, runLoad } from "./load.ts";
import { checkoutAddress } from "./scenarios.ts";

const body = JSON.stringify({ shippingAddress: checkoutAddress });

/** Empties each shopper's cart and puts `quantity` of `unit` in it (set-up, not measured). */
export async function fillCarts(
  client: ShopClient,
  shoppers: Shopper[],
  unit: Purchasable,
  quantity: number,
  concurrency: number,
) {
  await inParallel(shoppers, concurrency, async (shopper) => {
    await client.expect(200, "/cart", { method: "DELETE", token: shopper.token });
    await client.expect(200, unit.path, { method: "PUT", token: shopper.token, body: { quantity } });
  });
}

/** Checkouts one after another on one connection, each shopper's full cart becoming an order (201). */
export function sequentialCheckouts(api: string, shoppers: Shopper[]): Promise<LoadResult> {
  let next = 0;
  return runLoad({
    url: `${api}/checkout`,
    connections: 1,
    amount: shoppers.length,
    method: "POST",
    body,
    expected: (status) => status === 201,
    // One request in flight: the next one is built once the previous answer is in.
    setupRequest: (req) => ({
      ...req,
      headers: {
        ...req.headers,
        "content-type": "application/json",
        authorization: `Bearer ${shoppers[Math.min(next, shoppers.length - 1)].token}`,
        "idempotency-key": crypto.randomUUID(),
      },
    }),
    onAnswer: () => {
      next += 1;
    },
  });
}

export interface Race {
  result: LoadResult;
  orders: number;
  refused: number;
  stockLeft: number | undefined;
  /** Orders in the database made with this race's idempotency keys. */
  ordersInDatabase: number;
}

/**
 * Shoppers racing for scarce stock, one connection each, all at once: exactly as many orders as there
 * are units may come out (201), every other shopper is refused with 409 `insufficient_stock`.
 */
export async function raceForStock(
  client: ShopClient,
  databaseUrl: string,
  shoppers: Shopper[],
  unit: Purchasable,
): Promise<Race> {
  const keys: string[] = [];
  let next = 0;
  let orders = 0;
  let refused = 0;
  const result = await runLoad({
    url: `${client.base}/checkout`,
    connections: shoppers.length,
    amount: shoppers.length,
    method: "POST",
    body,
    setupClient: (c) => {
      const key = crypto.randomUUID();
      keys.push(key);
      c.setHeaders({
        "content-type": "application/json",
        authorization: `Bearer ${shoppers[next++].token}`,
        "idempotency-key": key,
      });
    },
    expected: (status, text) => status === 201 || (status === 409 && text.includes('"insufficient_stock"')),
    onAnswer: (status, text) => {
      if (status === 201) orders += 1;
      else if (status === 409 && text.includes('"insufficient_stock"')) refused += 1;
    },
  });
  const detail = await client.call(`/products/${unit.productId}`, { token: shoppers[0].token });
  const variant = unit.variantId
    ? detail.body?.variants?.find((v: { id: string }) => v.id === unit.variantId)
    : undefined;
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const found = await db.query<{ count: string }>("SELECT count(*) FROM orders WHERE idempotency_key = ANY($1)", [
      keys,
    ]);
    return {
      result,
      orders,
      refused,
      stockLeft: variant ? variant.stockQty : detail.body?.stockQty,
      ordersInDatabase: Number(found.rows[0].count),
    };
  } finally {
    await db.end();
  }
}
