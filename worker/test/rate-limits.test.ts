import { describe, expect, it } from "vitest";
import { answer, client } from "../../test/support/client.ts";
import { call, randomIp, signUp, uniqueEmail } from "../../test/support/shop.ts";
import { clientAddressKey } from "../lib/client-address.ts";
import { limits } from "../lib/rate-limit.ts";

type Attempt = (i: number) => Promise<{ status: number; body: unknown; headers: Headers }>;

/** Makes `limit` attempts that the limit lets through, then one more: 429 with its Retry-After. */
async function exhaust(limit: number, attempt: Attempt, window: number) {
  const answers: { status: number; body: unknown }[] = [];
  for (let start = 0; start < limit; start += 20) {
    const batch = Array.from({ length: Math.min(20, limit - start) }, (_, i) => attempt(start + i));
    answers.push(...(await Promise.all(batch)));
  }
  // Every attempt within the limit was let through to its own answer (no 429, and no 503 from a
  // Redis that did not answer in time, which would leave the count unknown).
  const heldBack = answers.filter((a) => a.status === 429 || a.status === 503);
  expect(heldBack.map((a) => JSON.stringify(a.body))).toEqual([]);
  const refused = await attempt(limit);
  expect(refused.status, JSON.stringify(refused.body)).toBe(429);
  expect(refused.body).toMatchObject({ error: { code: "rate_limited" } });
  const retryAfter = Number(refused.headers.get("retry-after"));
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(window);
  expect(refused.body).toMatchObject({ error: { details: { retryAfter } } });
  return retryAfter;
}

const seconds = { "1 m": 60, "15 m": 900, "1 h": 3_600 } as const;
const windowOf = (name: keyof typeof limits) => seconds[limits[name][1] as keyof typeof seconds];
const tokensOf = (name: keyof typeof limits) => limits[name][0];

describe("rate limits on every route that sends a code or checks a secret", () => {
  it("limits codes sent per account, across addresses, registration and requests alike", async () => {
    const username = uniqueEmail();
    const register = () =>
      answer(client({ ip: randomIp() }).auth.register.$post({ json: { username, password: "correct-horse-battery" } }));
    const request = (purpose: "reset" | "login") =>
      answer(client({ ip: randomIp() }).auth.otp.$post({ json: { username, purpose } }));
    // Five sends counted for one account: the registration's code, a reset and a login request, two
    // registrations again; then a sixth, which without this limit would be 201 like the others.
    const statuses = [
      (await register()).status,
      (await request("reset")).status,
      (await request("login")).status,
      (await register()).status,
      (await register()).status,
    ];
    expect(statuses).toEqual([201, 202, 202, 201, 201]);
    expect(tokensOf("sendPerUsername")).toBe(5);
    const refused = await register();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(60);
    expect(Number(refused.headers.get("retry-after"))).toBeLessThanOrEqual(windowOf("sendPerUsername"));
  });

  it("limits code requests and registrations per address", async () => {
    const ip = randomIp();
    await exhaust(
      tokensOf("otpSendPerIp"),
      () => answer(client({ ip }).auth.otp.$post({ json: { username: uniqueEmail(), purpose: "login" } })),
      windowOf("otpSendPerIp"),
    );
    const other = randomIp();
    await exhaust(
      tokensOf("registerPerIp"),
      () =>
        answer(
          client({ ip: other }).auth.register.$post({
            json: { username: uniqueEmail(), password: "correct-horse-battery" },
          }),
        ),
      windowOf("registerPerIp"),
    );
  });

  it("limits password logins per account and per address", async () => {
    const { username } = (await signUp()).user;
    await exhaust(
      tokensOf("loginPerUsername"),
      () => answer(client({ ip: randomIp() }).auth.login.$post({ json: { username, password: "wrong-password-1" } })),
      windowOf("loginPerUsername"),
    );
    const ip = randomIp();
    await exhaust(
      tokensOf("loginPerIp"),
      () =>
        answer(client({ ip }).auth.login.$post({ json: { username: uniqueEmail(), password: "wrong-password-1" } })),
      windowOf("loginPerIp"),
    );
  });

  it("limits password resets by code per account, as every code redemption", async () => {
    const { username } = (await signUp()).user;
    // Signing up redeemed one code already: every purpose counts against the same limit.
    await exhaust(
      tokensOf("codePerUsername") - 1,
      () =>
        answer(
          client({ ip: randomIp() }).auth.password.reset.$post({
            json: { username, code: "000000", password: "another-horse-battery" },
          }),
        ),
      windowOf("codePerUsername"),
    );
  });

  it("limits refresh tokens tried and sign-outs per address", async () => {
    const ip = randomIp();
    await exhaust(
      tokensOf("refreshPerIp"),
      (i) => {
        const auth = client({ ip }).auth;
        const json = { refreshToken: crypto.randomUUID() };
        return i % 2 ? answer(auth.refresh.$post({ json })) : answer(auth.logout.$post({ json }));
      },
      windowOf("refreshPerIp"),
    );
    // Another address is not held back.
    expect((await answer(client({ ip: randomIp() }).auth.refresh.$post({ json: { refreshToken: "x" } }))).status).toBe(
      401,
    );
  });

  it("limits gateway messages per address, whatever their signature", async () => {
    const ip = randomIp();
    await exhaust(
      tokensOf("gatewayPerIp"),
      // Raw: forged gateway messages, a JSON body where the routes declare none.
      (i) =>
        call(i % 2 ? "/payments/stripe/webhook" : "/payments/sandbox/callback", {
          body: { forged: i },
          headers: { "stripe-signature": "t=1,v1=00", "x-sandbox-signature": "00" },
          ip,
        }),
      windowOf("gatewayPerIp"),
    );
  });

  it("counts an IPv6 client by its /64: code requests from 24 addresses of one /64 stop at the limit", async () => {
    const prefix = `2001:db8:${Math.floor(Math.random() * 0xffff).toString(16)}:${Math.floor(Math.random() * 0xffff).toString(16)}`;
    const addressOf = (i: number) =>
      `${prefix}:${(i + 1).toString(16)}:${((i * 7919) % 0xffff).toString(16)}::${i.toString(16)}`;
    const otpFrom = (ip: string) =>
      answer(client({ ip }).auth.otp.$post({ json: { username: uniqueEmail(), purpose: "login" } }));
    await exhaust(tokensOf("otpSendPerIp"), (i) => otpFrom(addressOf(i)), windowOf("otpSendPerIp"));
    const refused = await Promise.all([21, 22, 23].map((i) => otpFrom(addressOf(i))));
    expect(refused.map((r) => r.status)).toEqual([429, 429, 429]);
    // The neighbouring /64 is another client.
    const neighbour = `${prefix.slice(0, prefix.lastIndexOf(":"))}:${(Number.parseInt(prefix.split(":")[3], 16) ^ 1).toString(16)}::1`;
    expect((await otpFrom(neighbour)).status).toBe(202);
  });
});

describe("the address a limit counts", () => {
  it("is an IPv4 address as it is, an IPv6 address's /64, and a mapped IPv4 address as IPv4", () => {
    expect(clientAddressKey("192.0.2.7")).toBe("192.0.2.7");
    expect(clientAddressKey("2001:db8:1:2:3:4:5:6")).toBe("2001:db8:1:2::/64");
    expect(clientAddressKey("2001:0DB8:0001:0002:ffff::1")).toBe("2001:db8:1:2::/64");
    expect(clientAddressKey("2001:db8::1")).toBe("2001:db8::/64");
    expect(clientAddressKey("::ffff:192.0.2.7")).toBe("192.0.2.7");
    expect(clientAddressKey("not-an-ip")).toBe("not-an-ip");
  });
});
