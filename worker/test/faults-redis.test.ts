import { sql } from "drizzle-orm";
import type { InferResponseType } from "hono/client";
import { describe, expect, it } from "vitest";
import { answer, client, expectStatus } from "../../test/support/client.ts";
import { type Answer, faultClient, faultProxy, isError, report, send, timed } from "../../test/support/faults.ts";
import { signUp, uniqueEmail, withServices } from "../../test/support/shop.ts";
import { redisDeadlineMs } from "../platform/create-context.ts";

/** What the runtime may add to a deadline to compose and deliver the answer. */
const answerSlackMs = 250;

/** A page of the catalog, as `GET /products` answers it. */
type ProductPage = InferResponseType<ReturnType<typeof faultClient>["products"]["$get"], 200>;

const rowsOf = (query: ReturnType<typeof sql>) =>
  withServices(async ({ db }) => (await db.execute<{ n: number }>(query)).rows[0].n);

describe("Redis unreachable or hanging", () => {
  for (const mode of ["refuse", "hang"] as const) {
    it(`${mode}: codes, registration and sign-in answer 503 unavailable by the Redis deadline and let nothing through; the catalog still answers`, async () => {
      const account = await signUp();
      const newcomer = uniqueEmail();
      const proxy = await faultProxy("redis", mode);
      let answers: Record<"otp" | "register" | "login" | "health", Answer> & {
        catalog: Answer<ProductPage>;
        again: Answer<ProductPage>;
      };
      // Each request from an address of its own, as each `send` was.
      const shop = () => faultClient({ env: proxy.env });
      try {
        // At once: each waits out the same deadline, so the test takes one deadline, not five.
        // The catalog reads go raw: `redis=` is no parameter the route declares.
        const [otp, register, login, catalog, health] = await Promise.all([
          timed(shop().auth.otp.$post({ json: { username: account.user.username, purpose: "login" } })),
          timed(shop().auth.register.$post({ json: { username: newcomer, password: "correct-horse-battery" } })),
          // The right password: a limiter that failed open would sign this one in.
          timed(shop().auth.login.$post({ json: { username: account.user.username, password: account.password } })),
          send<ProductPage>(`/products?limit=3&sort=price_asc&redis=${mode}`, { env: proxy.env }),
          timed(shop().health.$get()),
        ]);
        // Redis failed a moment ago: the next catalog read leaves it alone instead of waiting again.
        const again = await send<ProductPage>(`/products?limit=3&sort=price_asc&redis=${mode}&again`, {
          env: proxy.env,
        });
        answers = { otp, register, login, catalog, health, again };
      } finally {
        await proxy.close();
      }
      const { otp, register, login, catalog, health, again } = answers;
      report(`redis ${mode}: POST /auth/otp`, otp);
      report(`redis ${mode}: POST /auth/register`, register);
      report(`redis ${mode}: POST /auth/login`, login);
      report(`redis ${mode}: GET /products (anonymous)`, catalog);
      report(`redis ${mode}: GET /health`, health);
      report(`redis ${mode}: GET /products (anonymous), the next read`, again);

      for (const [what, answer] of Object.entries({ otp, register, login })) {
        expect(isError(answer, 503, "unavailable"), `${what}: ${JSON.stringify(answer.body)}`).toBe(true);
        expect(answer.ms, what).toBeLessThan(redisDeadlineMs + answerSlackMs);
      }
      expect(catalog.status).toBe(200);
      expect(catalog.body.items.length).toBeGreaterThan(0);
      expect(catalog.ms).toBeLessThan(redisDeadlineMs + answerSlackMs);
      expect(again.status).toBe(200);
      expect(again.body.items).toEqual(catalog.body.items);
      expect(again.ms).toBeLessThan(1_000);
      expect(health).toMatchObject({ status: 503, body: { status: "degraded", db: "ok", redis: "down" } });
      expect(health.ms).toBeLessThan(redisDeadlineMs + answerSlackMs);

      // Nothing went through: no code was sent, no account made, no session started.
      const outbox = expectStatus(
        await answer(client().dev.outbox.$get({ query: { to: account.user.username } })),
        200,
      );
      expect(outbox.items.filter((item) => item.purpose === "login")).toEqual([]);
      expect(await rowsOf(sql`SELECT count(*)::int AS n FROM users WHERE username = ${newcomer}`)).toBe(0);
      // The one session is the one the sign-up's verification started.
      expect(await rowsOf(sql`SELECT count(*)::int AS n FROM refresh_tokens WHERE user_id = ${account.user.id}`)).toBe(
        1,
      );

      // Redis back: the same requests work again.
      expect(
        (
          await timed(
            faultClient().auth.login.$post({ json: { username: account.user.username, password: account.password } }),
          )
        ).status,
      ).toBe(200);
    });
  }
});
