import { describe, expect, it } from "vitest";
import { answer, client } from "../../test/support/client.ts";
import { expectError, latestCode, randomIp, signUp, uniqueEmail, withServices } from "../../test/support/shop.ts";
import { hmacHex } from "../lib/tokens.ts";

async function registered() {
  const username = uniqueEmail();
  const result = await answer(client().auth.register.$post({ json: { username, password: "correct-horse-battery" } }));
  expect(result.status).toBe(201);
  return username;
}

/** Each call from an address of its own unless one is given, as a client of its own would. */
const verify = (json: { username: string; code: string }, ip?: string) =>
  answer(client({ ip }).auth.verify.$post({ json }));
const loginWithCode = (json: { username: string; code: string }, ip?: string) =>
  answer(client({ ip }).auth.login.otp.$post({ json }));
const requestCode = (username: string, purpose: "verify" | "reset" | "login") =>
  answer(client().auth.otp.$post({ json: { username, purpose } }));

const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, "0");

describe("one-time codes", () => {
  it("stores only an HMAC of the code in Redis, with a 5-minute TTL", async () => {
    const username = await registered();
    const code = await latestCode(username, "verify");
    const { stored, ttl } = await withServices(async ({ redis }) => ({
      stored: await redis.hgetall<Record<string, string>>(`otp:verify:${username}`),
      ttl: await redis.ttl(`otp:verify:${username}`),
    }));
    expect(String(stored?.h)).toMatch(/^[0-9a-f]{64}$/);
    expect(String(stored?.h)).not.toContain(code);
    expect(ttl).toBeGreaterThan(290);
    expect(ttl).toBeLessThanOrEqual(300);
  });

  it("works once only", async () => {
    const username = await registered();
    const code = await latestCode(username, "verify");
    expect((await verify({ username, code })).status).toBe(200);
    expectError(await verify({ username, code }), 401, "invalid_code");
  });

  it("dies after 5 wrong attempts: the right code is refused afterwards", async () => {
    const username = await registered();
    const code = await latestCode(username, "verify");
    for (let i = 0; i < 5; i++) {
      expectError(await verify({ username, code: wrongCode(code) }), 401, "invalid_code");
    }
    expectError(await verify({ username, code }), 401, "invalid_code");
  });

  it("counts concurrent wrong attempts atomically: 9 at once leave the code dead", async () => {
    const username = await registered();
    const code = await latestCode(username, "verify");
    const guesses = await Promise.all(
      Array.from({ length: 9 }, (_, i) => verify({ username, code: wrongCode(String(Number(code) + i)) }, randomIp())),
    );
    expect(guesses.every((g) => g.status === 401)).toBe(true);
    expectError(await verify({ username, code }), 401, "invalid_code");
  });

  it("refuses an expired code", async () => {
    const username = await registered();
    const code = await latestCode(username, "verify");
    await withServices(({ redis }) => redis.pexpire(`otp:verify:${username}`, 1));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expectError(await verify({ username, code }), 401, "invalid_code");
  });

  it("binds a code to its purpose: a verify code cannot reset a password, nor a reset code verify", async () => {
    const account = await signUp();
    const username = account.user.username;
    await requestCode(username, "login");
    const loginCode = await latestCode(username, "login");
    expectError(
      await answer(
        client().auth.password.reset.$post({ json: { username, code: loginCode, password: "new-password-1" } }),
      ),
      401,
      "invalid_code",
    );

    const fresh = await registered();
    const verifyCode = await latestCode(fresh, "verify");
    expectError(
      await answer(
        client().auth.password.reset.$post({ json: { username: fresh, code: verifyCode, password: "new-password-1" } }),
      ),
      401,
      "invalid_code",
    );
    await answer(client().auth.password.forgot.$post({ json: { username: fresh } }));
    const resetCode = await latestCode(fresh, "reset");
    expectError(await verify({ username: fresh, code: resetCode }), 401, "invalid_code");
    expectError(await loginWithCode({ username: fresh, code: resetCode }), 401, "invalid_code");
    // The codes still work for their own purposes.
    expect((await verify({ username: fresh, code: verifyCode })).status).toBe(200);
  });

  it("answers the same 401 for wrong, used and never-sent codes", async () => {
    const unknown = await verify({ username: uniqueEmail(), code: "123456" });
    expectError(unknown, 401, "invalid_code");
  });

  it("enforces a 60 s resend cooldown per username and purpose, whether or not the account exists", async () => {
    for (const username of [await registered(), uniqueEmail()]) {
      const first = await requestCode(username, "reset");
      expect(first.status).toBe(202);
      const second = await requestCode(username, "reset");
      expectError(second, 429, "rate_limited");
      const retryAfter = Number(second.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThan(50);
      expect(retryAfter).toBeLessThanOrEqual(60);
      // Another purpose has its own cooldown.
      expect((await requestCode(username, "login")).status).toBe(202);
    }
  });

  it("limits code attempts per username across addresses", async () => {
    const username = await registered();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push((await verify({ username, code: "000000" }, randomIp())).status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });

  it("limits code attempts per address across usernames", async () => {
    const ip = randomIp();
    const statuses: number[] = [];
    for (let i = 0; i < 62; i++) {
      statuses.push((await verify({ username: uniqueEmail(), code: "000000" }, ip)).status);
    }
    expect(statuses.filter((s) => s === 401)).toHaveLength(60);
    expect(statuses.slice(60)).toEqual([429, 429]);
  });

  it("yields 0 logins from 1,000 wrong guesses spread across codes, accounts and addresses", async () => {
    const accounts = await Promise.all(Array.from({ length: 4 }, () => signUp()));
    let successes = 0;
    const statuses = new Map<number, number>();
    for (let round = 0; round < 10; round++) {
      // Each round: a fresh login code per account, then a burst of 25 wrong guesses per account, in parallel.
      const codes = await Promise.all(
        accounts.map(async (account) => {
          await withServices(({ redis }) => redis.del(`otp:cooldown:login:${account.user.username}`));
          await requestCode(account.user.username, "login");
          return latestCode(account.user.username, "login");
        }),
      );
      const guesses = accounts.flatMap((account, a) =>
        Array.from({ length: 25 }, (_, g) => {
          let guess = String((Number(codes[a]) + 1 + g * 7919) % 1_000_000).padStart(6, "0");
          if (guess === codes[a]) guess = wrongCode(guess);
          return loginWithCode({ username: account.user.username, code: guess }, randomIp());
        }),
      );
      for (const result of await Promise.all(guesses)) {
        statuses.set(result.status, (statuses.get(result.status) ?? 0) + 1);
        if (result.status === 200) successes += 1;
      }
      // Whatever the limiter let through, the real code must now be dead for every account.
      for (const [a, account] of accounts.entries()) {
        const late = await loginWithCode({ username: account.user.username, code: codes[a] });
        expect(late.status).not.toBe(200);
      }
    }
    console.log(`1,000 guesses: ${JSON.stringify(Object.fromEntries(statuses))} (status: count), ${successes} logins`);
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(1_000);
    expect(successes).toBe(0);
    expect(statuses.get(401)).toBeGreaterThan(0);
  });

  it("hashes under the server's secret: the same code for another user does not match", async () => {
    const a = await hmacHex("secret", "verify:a@example.com:123456");
    const b = await hmacHex("secret", "verify:b@example.com:123456");
    expect(a).not.toBe(b);
  });
});
