import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
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
  seedAdmin,
  tokenFor,
  uniqueEmail,
  withServices,
} from "../../test/support/shop.ts";
import { databaseDeadlineMs } from "../platform/create-context.ts";
import { catalogVersionKey } from "../services/catalog-version.ts";

/** What the runtime may add to a deadline to compose and deliver the answer. */
const answerSlackMs = 250;
/** The health check's own deadline per dependency (worker/services/health.service.ts). */
const healthDeadlineMs = 3_000;

const catalogVersion = () => withServices(async ({ redis }) => String((await redis.get(catalogVersionKey)) ?? 0));

describe("Postgres unreachable or hanging on the HTTP path", () => {
  for (const mode of ["refuse", "hang"] as const) {
    it(`${mode}: an uncached catalog read answers 503 unavailable by the statement deadline, and health marks the database`, async () => {
      const proxy = await faultProxy("postgres-http", mode);
      let list: Answer;
      let detail: Answer;
      let health: Answer;
      try {
        [list, detail, health] = await Promise.all([
          timed(
            faultClient({ env: proxy.env }).products.$get({
              query: { limit: "3", q: crypto.randomUUID().slice(0, 8) },
            }),
          ),
          timed(
            faultClient({ env: proxy.env }).products[":idOrSlug"].$get({
              param: { idOrSlug: `never-cached-${crypto.randomUUID()}` },
            }),
          ),
          timed(faultClient({ env: proxy.env }).health.$get()),
        ]);
      } finally {
        await proxy.close();
      }
      report(`postgres-http ${mode}: GET /products?q= (uncached)`, list);
      report(`postgres-http ${mode}: GET /products/{slug} (uncached)`, detail);
      report(`postgres-http ${mode}: GET /health`, health);
      for (const answer of [list, detail]) {
        expect(isError(answer, 503, "unavailable"), JSON.stringify(answer.body)).toBe(true);
        expect(answer.ms).toBeLessThan(databaseDeadlineMs + answerSlackMs);
      }
      expect(health).toMatchObject({ status: 503, body: { status: "degraded", db: "down", redis: "ok" } });
      expect(health.ms).toBeLessThan(healthDeadlineMs + answerSlackMs);
    });

    it(`${mode}: catalog pages held in the edge cache are still served`, async () => {
      // Raw: `edge=` is no parameter the route declares.
      const path = `/products?limit=4&sort=price_desc&edge=${crypto.randomUUID()}`;
      // Another suite's admin change bumps the catalog version, which rightly makes a cached page stale:
      // the check counts only when the version stayed the same around it.
      for (let attempt = 1; ; attempt++) {
        const version = await catalogVersion();
        const fresh = await send(path);
        expect(fresh.status).toBe(200);
        const proxy = await faultProxy("postgres-http", mode);
        let cached: Answer;
        try {
          cached = await send(path, { env: proxy.env });
        } finally {
          await proxy.close();
        }
        if ((await catalogVersion()) !== version && attempt < 5) continue;
        report(`postgres-http ${mode}: GET /products held in the edge cache`, cached);
        expect(cached.status).toBe(200);
        expect(cached.headers.get("x-cache")).toBe("hit");
        expect(cached.body).toEqual(fresh.body);
        expect(cached.ms).toBeLessThan(1_000);
        break;
      }
    });
  }
});

describe("Postgres refusing or hanging on the WebSocket path (interactive transactions)", () => {
  // Staff creating an account: an interactive transaction (the insert, then its audit row).
  const createAccount = async (username: string, env: Bindings) =>
    timed(
      faultClient({ token: await tokenFor(seedAdmin, "admin"), env }).admin.users.$post({
        json: { username, password: "correct-horse-battery", role: "customer" },
      }),
    );

  it("refuse: creating an account answers 503 unavailable in the error shape", async () => {
    const proxy = await faultProxy("postgres-ws", "refuse");
    let register: Answer;
    try {
      register = await createAccount(uniqueEmail(), proxy.env);
    } finally {
      await proxy.close();
    }
    report("postgres-ws refuse: POST /admin/users", register);
    expect(isError(register, 503, "unavailable"), JSON.stringify(register.body)).toBe(true);
  });

  it("hang: creating an account answers 503 unavailable by the connection deadline and creates no account", async () => {
    const username = uniqueEmail();
    const proxy = await faultProxy("postgres-ws", "hang");
    let register: Answer;
    let catalog: Answer;
    try {
      [register, catalog] = await Promise.all([
        createAccount(username, proxy.env),
        // The HTTP path is not the WebSocket's: a statement still answers.
        timed(
          faultClient({ env: proxy.env }).products.$get({ query: { limit: "2", q: crypto.randomUUID().slice(0, 8) } }),
        ),
      ]);
    } finally {
      await proxy.close();
    }
    report("postgres-ws hang: POST /admin/users", register);
    expect(isError(register, 503, "unavailable"), JSON.stringify(register.body)).toBe(true);
    expect(register.ms).toBeLessThan(databaseDeadlineMs + answerSlackMs);
    expect(catalog.status).toBe(200);
    const accounts = await withServices(
      async ({ db }) =>
        (await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM users WHERE username = ${username}`))
          .rows[0].n,
    );
    expect(accounts).toBe(0);
  });
});

describe("Postgres hanging under a signed-in request", () => {
  it("hang: a signed-in request answers 503 by one statement deadline, the session check waiting for no second one", async () => {
    const [shopper] = await createShoppers(1);
    const product = await createProduct({ stock: 5 });
    await timed(
      faultClient({ token: shopper.token }).cart.variants[":variantId"].$put({
        param: { variantId: product.variantId },
        json: { quantity: 1 },
      }),
    );
    const proxy = await faultProxy("postgres-http", "hang");
    let cart: Answer;
    let checkout: Answer;
    try {
      [cart, checkout] = await Promise.all([
        timed(faultClient({ token: shopper.token, env: proxy.env }).cart.$get()),
        timed(
          faultClient({ token: shopper.token, env: proxy.env }).checkout.$post({
            json: { shippingAddress: address },
            header: { "idempotency-key": crypto.randomUUID() },
          }),
        ),
      ]);
    } finally {
      await proxy.close();
    }
    report("postgres-http hang: GET /cart (signed in)", cart);
    report("postgres-http hang: POST /checkout (signed in)", checkout);
    for (const answer of [cart, checkout]) {
      expect(isError(answer, 503, "unavailable")).toBe(true);
      expect(answer.ms).toBeLessThan(databaseDeadlineMs + answerSlackMs);
    }
  });
});
