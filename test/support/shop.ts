import { env, exports } from "cloudflare:workers";
import { sql } from "drizzle-orm";
import type { InferRequestType } from "hono/client";
import type { Role } from "../../worker/lib/tokens.ts";
import { signAccessToken } from "../../worker/lib/tokens.ts";
import type { ActorContext, ShopContext } from "../../worker/platform/context.ts";
import { createContext } from "../../worker/platform/create-context.ts";
import { findUserById } from "../../worker/repositories/users.repository.ts";
import { answer, client, expectStatus, origin, randomIp } from "./client.ts";

export { origin, randomIp };

export const seedAdmin = {
  id: "00000000-0000-4000-8000-000400000001",
  username: "admin@royal.shop",
  password: "royal-admin",
};
export const seedShopper = {
  id: "00000000-0000-4000-8000-000400000002",
  username: "shopper@royal.shop",
  password: "royal-shopper",
};

export interface CallOptions {
  method?: string;
  body?: unknown;
  token?: string;
  /** The client address rate limits see; each test uses its own so limits do not leak between tests. */
  ip?: string;
  headers?: Record<string, string>;
}

/** Calls the worker as a client would and parses its JSON answer. */
export async function api<T = unknown>(path: string, init?: RequestInit) {
  const response = await exports.default.fetch(`${origin}/api/v1${path}`, init);
  const text = await response.text();
  const body = (text ? JSON.parse(text) : undefined) as T;
  return { status: response.status, headers: response.headers, body };
}

export function call<T = unknown>(path: string, options: CallOptions = {}) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  headers["cf-connecting-ip"] = options.ip ?? randomIp();
  return api<T>(path, {
    method: options.method ?? (options.body === undefined ? "GET" : "POST"),
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
}

/** The contract's error body: `{ error: { code, message, details?, requestId? } }`. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown; requestId?: string };
}

const isErrorBody = (body: unknown): body is ErrorBody =>
  typeof body === "object" && body !== null && typeof (body as ErrorBody).error?.code === "string";

/** The error an answer carries with `status` and `code`; anything else fails the test with what came. */
export function expectError(result: { status: number; body: unknown }, status: number, code: string): ErrorBody {
  if (result.status !== status || !isErrorBody(result.body) || result.body.error.code !== code) {
    throw new Error(`expected ${status} ${code}, got ${result.status} ${JSON.stringify(result.body)}`);
  }
  if (typeof result.body.error.message !== "string") throw new Error("error without a message");
  return result.body;
}

export const uniqueEmail = () => `buyer-${crypto.randomUUID()}@example.com`;

/**
 * The newest message the development notifier sent to a username for a purpose, once it is there:
 * messages go out without holding the request's answer, so it may arrive a moment after it.
 * `after` skips what was sent before a moment (an ISO time).
 */
export async function latestMessage(username: string, purpose: string, after = "") {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const body = expectStatus(await answer(client().dev.outbox.$get({ query: { to: username } })), 200);
    const item = body.items.find((i) => i.purpose === purpose && i.sentAt > after);
    if (item) return item;
    if (Date.now() > deadline) throw new Error(`no ${purpose} message for ${username}: ${JSON.stringify(body)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The newest code the development notifier sent to a username for a purpose. */
export async function latestCode(username: string, purpose: "verify" | "reset" | "login", after = ""): Promise<string> {
  return (await latestMessage(username, purpose, after)).code as string;
}

/** Registers and verifies a fresh account through the API; returns its session. */
export async function signUp(username = uniqueEmail(), password = "correct-horse-battery") {
  const shop = client({ ip: randomIp() });
  const registered = expectStatus(await answer(shop.auth.register.$post({ json: { username, password } })), 201);
  const code = await latestCode(registered.user.username, "verify");
  const verified = expectStatus(await answer(shop.auth.verify.$post({ json: { username, code, password } })), 200);
  return { ...verified, password };
}

/** An access token for an existing user, as the worker would sign it. */
export const tokenFor = (user: { id: string }, role: Role) => signAccessToken(env, { sub: user.id, role });

/** The real per-request clients (Postgres through the Neon driver, Upstash Redis), for assertions. */
export async function withServices<T>(fn: (ctx: ShopContext) => Promise<T>) {
  const handle = createContext(env);
  try {
    return await fn(handle.ctx);
  } finally {
    await handle.close();
  }
}

/**
 * A product of the test's own with its one default variant, so stock-changing tests never share rows.
 * Its first stock is recorded in the inventory history, as the admin API records it.
 */
export async function createProduct(
  fields: {
    stock: number;
    price?: number;
    discount?: number;
    shipping?: number;
    active?: boolean;
    threshold?: number;
  } = { stock: 10 },
): Promise<{ id: string; slug: string; variantId: string }> {
  const slug = `test-${crypto.randomUUID()}`;
  return withServices(async ({ db }) => {
    const result = await db.execute<{ id: string; slug: string; variantId: string }>(sql`
      WITH product AS (
        INSERT INTO products (slug, name, is_active) VALUES (${slug}, ${`Test product ${slug.slice(5, 13)}`}, ${fields.active ?? true})
        RETURNING id, slug
      ), variant AS (
        INSERT INTO product_variants (product_id, sku, title, price, discount, shipping_amount, stock_qty, low_stock_threshold)
        SELECT id, slug, 'Default', ${fields.price ?? 10_000}, ${fields.discount ?? 0}, ${fields.shipping ?? 0},
          ${fields.stock}, ${fields.threshold ?? 5} FROM product
        RETURNING id, product_id
      ), history AS (
        INSERT INTO inventory_changes (variant_id, delta, stock_after, reason)
        SELECT id, ${fields.stock}, ${fields.stock}, 'first stock' FROM variant
      )
      SELECT product.id, product.slug, variant.id AS "variantId" FROM product JOIN variant ON variant.product_id = product.id`);
    return result.rows[0];
  });
}

/**
 * A product of the test's own sold in sizes: one variant per entry of `stockBySize` (e.g.
 * `{ S: 3, M: 0 }`), all at one price, each with its first stock in the inventory history.
 */
export async function createSizedProduct(
  stockBySize: Record<string, number>,
  price = 4_000,
): Promise<{ id: string; slug: string; variants: Record<string, string> }> {
  const slug = `test-${crypto.randomUUID()}`;
  const sizes = Object.keys(stockBySize);
  const wanted = JSON.stringify(sizes.map((size, position) => ({ size, stock: stockBySize[size], position })));
  return withServices(async ({ db }) => {
    const result = await db.execute<{ id: string; size: string }>(sql`
      WITH product AS (
        INSERT INTO products (slug, name) VALUES (${slug}, ${`Test shirt ${slug.slice(5, 13)}`}) RETURNING id
      ), option AS (
        INSERT INTO product_options (product_id, name, values, position)
        SELECT id, 'Size', ARRAY(SELECT json_array_elements_text(${JSON.stringify(sizes)}::json)), 0 FROM product
      ), variant AS (
        INSERT INTO product_variants (product_id, sku, title, options, price, stock_qty, position)
        SELECT product.id, ${slug} || '-' || w.size, w.size, jsonb_build_object('Size', w.size), ${price}, w.stock, w.position
        FROM product, json_to_recordset(${wanted}::json) AS w(size text, stock int, position int)
        RETURNING id, options ->> 'Size' AS size, stock_qty
      ), history AS (
        INSERT INTO inventory_changes (variant_id, delta, stock_after, reason)
        SELECT id, stock_qty, stock_qty, 'first stock' FROM variant
      )
      SELECT (SELECT id FROM product) AS id, variant.id AS "variantId", size FROM variant`);
    const rows = result.rows as unknown as { id: string; variantId: string; size: string }[];
    return { id: rows[0].id, slug, variants: Object.fromEntries(rows.map((r) => [r.size, r.variantId])) };
  });
}

/** Verified customers created straight in the database, with access tokens: for races of many shoppers. */
export async function createShoppers(count: number): Promise<{ id: string; token: string }[]> {
  const rows = await withServices(async ({ db }) => {
    const values = Array.from({ length: count }, () => {
      const email = uniqueEmail();
      return sql`(${email}, ${email}, true)`;
    });
    const result = await db.execute<{ id: string }>(sql`
      INSERT INTO users (username, email, is_email_verified) VALUES ${sql.join(values, sql`, `)} RETURNING id`);
    return result.rows;
  });
  return Promise.all(rows.map(async (row) => ({ id: row.id, token: await tokenFor(row, "customer") })));
}

/** The stock of a variant, or of a product's variants together. */
export async function stockOf(productOrVariantId: string): Promise<number> {
  return withServices(async ({ db }) => {
    const result = await db.execute<{ stock: number }>(sql`
      SELECT coalesce((SELECT stock_qty FROM product_variants WHERE id = ${productOrVariantId}),
        (SELECT sum(stock_qty) FROM product_variants WHERE product_id = ${productOrVariantId}))::int AS stock`);
    return result.rows[0].stock;
  });
}

export const address = {
  name: "Ada Buyer",
  line1: "1 Market Street",
  city: "Springfield",
  postalCode: "12345",
  country: "US",
};

type CheckoutBody = InferRequestType<ReturnType<typeof client>["checkout"]["$post"]>["json"];
type CouponBody = InferRequestType<ReturnType<typeof client>["admin"]["coupons"]["$post"]>["json"];

export const checkoutAs = (
  token: string,
  body: CheckoutBody = { shippingAddress: address },
  key = crypto.randomUUID(),
) => answer(client({ token }).checkout.$post({ json: body, header: { "idempotency-key": key } }));

export const setLine = (token: string, productId: string, quantity: number) =>
  answer(client({ token }).cart.items[":productId"].$put({ param: { productId }, json: { quantity } }));

export const setVariantLine = (token: string, variantId: string, quantity: number) =>
  answer(client({ token }).cart.variants[":variantId"].$put({ param: { variantId }, json: { quantity } }));

/** A coupon defined through the admin API. */
export async function defineCoupon(body: Partial<CouponBody>) {
  const admin = client({ token: await tokenFor(seedAdmin, "admin") });
  const json = { title: "Golden", kind: "percent", value: 10, validFor: "P7D", ...body } as CouponBody;
  return expectStatus(await answer(admin.admin.coupons.$post({ json })), 201);
}

export async function grant(couponId: string, userId: string): Promise<string> {
  const admin = client({ token: await tokenFor(seedAdmin, "admin") });
  const granted = await answer(admin.admin.coupons[":id"].grants.$post({ param: { id: couponId }, json: { userId } }));
  return expectStatus(granted, 201).code;
}

/** The real clients acting for a user, to call a service the way a route does. */
export function withActor<T>(userId: string, fn: (ctx: ActorContext) => Promise<T>) {
  return withServices(async (ctx) => {
    const actor = await findUserById(ctx.db, userId);
    if (!actor) throw new Error(`no user ${userId}`);
    return fn(Object.assign(Object.create(ctx) as ActorContext, { actor }));
  });
}

/** Starts a payment of an order as its shopper: the attempt, and its authority at the sandbox bank. */
export async function startPaymentAs(token: string, orderId: string) {
  const started = expectStatus(
    await answer(client({ token }).orders[":id"].payment.$post({ param: { id: orderId } })),
    201,
  );
  return { ...started, authority: started.redirectUrl.split("/").at(-1) as string };
}

/** A press of a button on the sandbox bank's page. */
export const pressSandboxButton = (authority: string, outcome: "success" | "failure") =>
  answer(client().sandbox.pay[":authority"].$post({ param: { authority }, json: { outcome } }));

/** The `result` a gateway message's acknowledgement names (a raw delivery's body is `unknown`). */
export const resultOf = (body: unknown) =>
  typeof body === "object" && body !== null && "result" in body ? body.result : undefined;

/** Delivers a sandbox bank callback as the bank would, from an address of its own unless one is given. */
export async function deliverSandboxCallback(body: string, signature: string, ip = randomIp()) {
  const response = await exports.default.fetch(`${origin}/api/v1/payments/sandbox/callback`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-sandbox-signature": signature, "cf-connecting-ip": ip },
    body,
  });
  return { status: response.status, body: (await response.json()) as unknown };
}
