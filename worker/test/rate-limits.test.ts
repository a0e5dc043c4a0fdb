import { describe, expect, it } from "vitest";
import { call, randomIp, signUp, uniqueEmail } from "../../test/support/shop.ts";
import { clientAddressKey } from "../lib/client-address.ts";
import { limits } from "../lib/rate-limit.ts";

type Attempt = (i: number) => Promise<{ status: number; body: any; headers: Headers }>;

/** Makes `limit` attempts that the limit lets through, then one more: 429 with its Retry-After. */
async function exhaust(limit: number, attempt: Attempt, window: number) {
  const answers: { status: number; body: any }[] = [];
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
  expect(refused.body.error.code).toBe("rate_limited");
  const retryAfter = Number(refused.headers.get("retry-after"));
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(window);
  expect(refused.body.error.details.retryAfter).toBe(retryAfter);
  return retryAfter;
}

const seconds = { "1 m": 60, "15 m": 900, "1 h": 3_600 } as const;
const windowOf = (name: keyof typeof limits) => seconds[limits[name][1] as keyof typeof seconds];
const tokensOf = (name: keyof typeof limits) => limits[name][0];

describe("rate limits on every route that sends a code or checks a secret", () => {
  it("limits codes sent per account, across addresses, registration and requests alike", async () => {
    const username = uniqueEmail();
    const register = () =>
      call("/auth/register", { body: { username, password: "correct-horse-battery" }, ip: randomIp() });
    const request = (purpose: string) => call("/auth/otp", { body: { username, purpose }, ip: randomIp() });
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
      () => call("/auth/otp", { body: { username: uniqueEmail(), purpose: "login" }, ip }),
      windowOf("otpSendPerIp"),
    );
    const other = randomIp();
    await exhaust(
      tokensOf("registerPerIp"),
      () => call("/auth/register", { body: { username: uniqueEmail(), password: "correct-horse-battery" }, ip: other }),
      windowOf("registerPerIp"),
    );
  });

  it("limits password logins per account and per address", async () => {
    const { username } = (await signUp()).user;
    await exhaust(
      tokensOf("loginPerUsername"),
      () => call("/auth/login", { body: { username, password: "wrong-password-1" }, ip: randomIp() }),
      windowOf("loginPerUsername"),
    );
    const ip = randomIp();
    await exhaust(
      tokensOf("loginPerIp"),
      () => call("/auth/login", { body: { username: uniqueEmail(), password: "wrong-password-1" }, ip }),
      windowOf("loginPerIp"),
    );
  });

  it("limits password resets by code per account, as every code redemption", async () => {
    const { username } = (await signUp()).user;
    // Signing up redeemed one code already: every purpose counts against the same limit.
    await exhaust(
      tokensOf("codePerUsername") - 1,
      () =>
        call("/auth/password/reset", {
          body: { username, code: "000000", password: "another-horse-battery" },
          ip: randomIp(),
        }),
      windowOf("codePerUsername"),
    );
  });

  it("limits refresh tokens tried and sign-outs per address", async () => {
    const ip = randomIp();
    await exhaust(
      tokensOf("refreshPerIp"),
      (i) => call(i % 2 ? "/auth/refresh" : "/auth/logout", { body: { refreshToken: crypto.randomUUID() }, ip }),
      windowOf("refreshPerIp"),
    );
    // Another address is not held back.
    expect((await call("/auth/refresh", { body: { refreshToken: "x" }, ip: randomIp() })).status).toBe(401);
  });

  it("limits gateway messages per address, whatever their signature", async () => {
    const ip = randomIp();
    await exhaust(
      tokensOf("gatewayPerIp"),
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
    await exhaust(
      tokensOf("otpSendPerIp"),
      (i) => call("/auth/otp", { body: { username: uniqueEmail(), purpose: "login" }, ip: addressOf(i) }),
      windowOf("otpSendPerIp"),
    );
    const refused = await Promise.all(
      [21, 22, 23].map((i) =>
        call("/auth/otp", { body: { username: uniqueEmail(), purpose: "login" }, ip: addressOf(i) }),
      ),
    );
    expect(refused.map((r) => r.status)).toEqual([429, 429, 429]);
    // The neighbouring /64 is another client.
    const neighbour = `${prefix.slice(0, prefix.lastIndexOf(":"))}:${(Number.parseInt(prefix.split(":")[3], 16) ^ 1).toString(16)}::1`;
    expect(
      (await call("/auth/otp", { body: { username: uniqueEmail(), purpose: "login" }, ip: neighbour })).status,
    ).toBe(202);
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
