import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { type Answer, faultProxy, isError, report, send } from "../../test/support/faults.ts";
import { call, signUp, uniqueEmail, withServices } from "../../test/support/shop.ts";
import { redisDeadlineMs } from "../platform/create-context.ts";

/** What the runtime may add to a deadline to compose and deliver the answer. */
const answerSlackMs = 250;

const rowsOf = (query: ReturnType<typeof sql>) =>
  withServices(async ({ db }) => (await db.execute<{ n: number }>(query)).rows[0].n);

describe("Redis unreachable or hanging", () => {
  for (const mode of ["refuse", "hang"] as const) {
    it(`${mode}: codes, registration and sign-in answer 503 unavailable by the Redis deadline and let nothing through; the catalog still answers`, async () => {
      const account = await signUp();
      const newcomer = uniqueEmail();
      const proxy = await faultProxy("redis", mode);
      let answers: Record<string, Answer>;
      try {
        // At once: each waits out the same deadline, so the test takes one deadline, not five.
        const [otp, register, login, catalog, health] = await Promise.all([
          send("/auth/otp", { body: { username: account.user.username, purpose: "login" }, env: proxy.env }),
          send("/auth/register", { body: { username: newcomer, password: "correct-horse-battery" }, env: proxy.env }),
          // The right password: a limiter that failed open would sign this one in.
          send("/auth/login", {
            body: { username: account.user.username, password: account.password },
            env: proxy.env,
          }),
          send(`/products?limit=3&sort=price_asc&redis=${mode}`, { env: proxy.env }),
          send("/health", { env: proxy.env }),
        ]);
        // Redis failed a moment ago: the next catalog read leaves it alone instead of waiting again.
        const again = await send(`/products?limit=3&sort=price_asc&redis=${mode}&again`, { env: proxy.env });
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
      const outbox = await call(`/dev/outbox?to=${encodeURIComponent(account.user.username)}`);
      expect(outbox.body.items.filter((item: any) => item.purpose === "login")).toEqual([]);
      expect(await rowsOf(sql`SELECT count(*)::int AS n FROM users WHERE username = ${newcomer}`)).toBe(0);
      // The one session is the one the sign-up's verification started.
      expect(await rowsOf(sql`SELECT count(*)::int AS n FROM refresh_tokens WHERE user_id = ${account.user.id}`)).toBe(
        1,
      );

      // Redis back: the same requests work again.
      expect(
        (await send("/auth/login", { body: { username: account.user.username, password: account.password } })).status,
      ).toBe(200);
    });
  }
});
