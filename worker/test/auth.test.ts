import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  call,
  expectError,
  latestCode,
  latestMessage,
  randomIp,
  seedAdmin,
  signUp,
  tokenFor,
  uniqueEmail,
  withServices,
} from "../../test/support/shop.ts";
import { refreshGraceSeconds } from "../repositories/refresh-tokens.repository.ts";

describe("registration and verification", () => {
  it("registers an email account, sends a verify code, and verifies it into a session", async () => {
    const username = uniqueEmail();
    const ip = randomIp();
    const registered = await call("/auth/register", { body: { username, password: "correct-horse-battery" }, ip });
    expect(registered.status).toBe(201);
    expect(registered.body.user).toMatchObject({
      username,
      email: username,
      phone: null,
      isEmailVerified: false,
      isPhoneVerified: false,
      role: "customer",
    });

    const sent = await latestMessage(username, "verify");
    expect(sent).toMatchObject({ to: username, channel: "email", purpose: "verify" });
    expect(sent.code).toMatch(/^\d{6}$/);

    const verified = await call("/auth/verify", { body: { username, code: sent.code }, ip });
    expect(verified.status).toBe(200);
    expect(verified.body.user.isEmailVerified).toBe(true);
    const me = await call("/me", { token: verified.body.accessToken });
    expect(me.body).toEqual(verified.body.user);
  });

  it("treats national and international forms of a phone number as one account, verified by SMS", async () => {
    const national = `0912 ${Math.floor(100 + Math.random() * 900)} ${Math.floor(1000 + Math.random() * 9000)}`;
    const e164 = `+98${national.replaceAll(" ", "").slice(1)}`;
    const first = await call("/auth/register", { body: { username: national, password: "correct-horse-battery" } });
    expect(first.status).toBe(201);
    expect(first.body.user).toMatchObject({ username: e164, phone: e164, email: null });
    await latestCode(e164, "verify");
    const before = new Date().toISOString();
    const again = await call("/auth/register", { body: { username: e164, password: "another-password" } });
    expect(again.status).toBe(201);
    expect(again.body.user.id).toBe(first.body.user.id);

    const code = await latestCode(e164, "verify", before);
    expect((await latestMessage(e164, "verify")).channel).toBe("sms");
    const verified = await call("/auth/verify", { body: { username: e164, code } });
    expect(verified.body.user).toMatchObject({ isPhoneVerified: true, isEmailVerified: false });
  });

  it("normalises emails: trimmed and lower-cased", async () => {
    const local = `Buyer-${crypto.randomUUID()}`;
    const result = await call("/auth/register", {
      body: { username: `  ${local}@Example.COM `, password: "correct-horse" },
    });
    expect(result.body.user.username).toBe(`${local.toLowerCase()}@example.com`);
  });

  it("compares emails case-insensitively: sign-in, codes and the admin's new accounts", async () => {
    const account = await signUp();
    const shouted = account.user.username.toUpperCase();
    const signedIn = await call("/auth/login", { body: { username: shouted, password: account.password } });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user.id).toBe(account.user.id);
    const mixed = `${account.user.username[0].toUpperCase()}${account.user.username.slice(1)}`;
    const before = new Date().toISOString();
    expect((await call("/auth/password/forgot", { body: { username: mixed } })).status).toBe(202);
    const code = await latestCode(account.user.username, "reset", before);
    expect(
      (await call("/auth/password/reset", { body: { username: shouted, code, password: "a-brand-new-password" } }))
        .status,
    ).toBe(204);
    const duplicate = await call("/admin/users", {
      token: await tokenFor(seedAdmin, "admin"),
      body: { username: shouted, password: "correct-horse-battery", role: "customer" },
    });
    expectError(duplicate, 409, "username_taken");
  });

  it.each([
    [{ username: "not a username", password: "long-enough" }, "username"],
    [{ username: "12", password: "long-enough" }, "username"],
    [{ username: uniqueEmail(), password: "short" }, "password"],
    [{ username: uniqueEmail(), password: "x".repeat(129) }, "password"],
    [{ username: uniqueEmail() }, "password"],
  ])("rejects %o with 400", async (body, field) => {
    const result = await call("/auth/register", { body });
    expectError(result, 400, "invalid_request");
    expect(JSON.stringify(result.body.error.details)).toContain(field);
  });

  it("rejects malformed JSON with 400, not 500", async () => {
    const result = await call("/auth/login", { headers: { "content-type": "application/json" }, method: "POST" });
    expectError(result, 400, "invalid_request");
  });
});

describe("password login", () => {
  it("signs in a verified account and sets the refresh cookie for the auth path only", async () => {
    const account = await signUp();
    const result = await call("/auth/login", { body: { username: account.user.username, password: account.password } });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ accessToken: expect.any(String), refreshToken: expect.any(String) });
    const cookie = result.headers.get("set-cookie") ?? "";
    expect(cookie).toContain(`royal_refresh=${result.body.refreshToken}`);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Secure/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toContain("Path=/api/v1/auth");
  });

  it("answers an unknown user and a wrong password with the same 401", async () => {
    const account = await signUp();
    const wrongPassword = await call("/auth/login", {
      body: { username: account.user.username, password: "wrong-password" },
    });
    const unknownUser = await call("/auth/login", { body: { username: uniqueEmail(), password: "wrong-password" } });
    expectError(wrongPassword, 401, "invalid_credentials");
    expectError(unknownUser, 401, "invalid_credentials");
    const { requestId: _a, ...first } = wrongPassword.body.error;
    const { requestId: _b, ...second } = unknownUser.body.error;
    expect(first).toEqual(second);
  });

  it("refuses an unverified account with 403 unverified, and only after the password matched", async () => {
    const username = uniqueEmail();
    const created = await call("/admin/users", {
      token: await tokenFor(seedAdmin, "admin"),
      body: { username, password: "correct-horse-battery", role: "customer", verified: false },
    });
    expect(created.status).toBe(201);
    expectError(
      await call("/auth/login", { body: { username, password: "correct-horse-battery" } }),
      403,
      "unverified",
    );
    expectError(
      await call("/auth/login", { body: { username, password: "wrong-password" } }),
      401,
      "invalid_credentials",
    );
  });

  it("answers a password sign-in to a username just registered as to one held by someone else: 401, telling nothing", async () => {
    const owner = await signUp();
    const fresh = uniqueEmail();
    for (const username of [fresh, owner.user.username]) {
      expect((await call("/auth/register", { body: { username, password: "the-same-password" } })).status).toBe(201);
    }
    const answers = await Promise.all(
      [fresh, owner.user.username].map((username) =>
        call("/auth/login", { body: { username, password: "the-same-password" } }),
      ),
    );
    for (const answer of answers) expectError(answer, 401, "invalid_credentials");
  });

  it("signs in the seeded demo accounts", async () => {
    for (const [username, password, role] of [
      ["admin@royal.shop", "royal-admin", "admin"],
      ["shopper@royal.shop", "royal-shopper", "customer"],
    ]) {
      const result = await call("/auth/login", { body: { username, password } });
      expect(result.status).toBe(200);
      expect(result.body.user).toMatchObject({ username, role, isEmailVerified: true });
    }
  });
});

describe("passwordless login with a code", () => {
  it("signs in with a login code, once", async () => {
    const account = await signUp();
    const username = account.user.username;
    expect((await call("/auth/otp", { body: { username, purpose: "login" } })).status).toBe(202);
    const code = await latestCode(username, "login");
    const first = await call("/auth/login/otp", { body: { username, code } });
    expect(first.status).toBe(200);
    expect(first.body.user.id).toBe(account.user.id);
    expectError(await call("/auth/login/otp", { body: { username, code } }), 401, "invalid_code");
  });
});

describe("refresh and logout", () => {
  it("rotates the refresh token on every use", async () => {
    const account = await signUp();
    const refreshed = await call("/auth/refresh", { body: { refreshToken: account.refreshToken } });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refreshToken).not.toBe(account.refreshToken);
    expect((await call("/me", { token: refreshed.body.accessToken })).body.id).toBe(account.user.id);
  });

  it("takes the refresh token from the cookie when the body has none", async () => {
    const account = await signUp();
    const result = await call("/auth/refresh", {
      body: {},
      headers: { cookie: `royal_refresh=${account.refreshToken}` },
    });
    expect(result.status).toBe(200);
  });

  it("revokes the whole family when a rotated token is presented again after its successor was used", async () => {
    const account = await signUp();
    const rotated = await call("/auth/refresh", { body: { refreshToken: account.refreshToken } });
    expect(rotated.status).toBe(200);
    const next = await call("/auth/refresh", { body: { refreshToken: rotated.body.refreshToken } });
    expect(next.status).toBe(200);
    expectError(await call("/auth/refresh", { body: { refreshToken: account.refreshToken } }), 401, "invalid_token");
    // The thief's replay also cut off the tokens issued since, and the session's access tokens.
    expectError(await call("/auth/refresh", { body: { refreshToken: next.body.refreshToken } }), 401, "invalid_token");
    expectError(await call("/me", { token: next.body.accessToken }), 401, "invalid_token");
  });

  it("revokes the whole family when a rotated token is presented again after the grace window", async () => {
    const account = await signUp();
    const rotated = await call("/auth/refresh", { body: { refreshToken: account.refreshToken } });
    expect(rotated.status).toBe(200);
    await withServices(({ db }) =>
      db.execute(sql`UPDATE refresh_tokens SET rotated_at = now() - make_interval(secs => ${refreshGraceSeconds + 1})
        WHERE family_id = (SELECT family_id FROM refresh_tokens WHERE user_id = ${account.user.id} LIMIT 1)
          AND rotated_at IS NOT NULL`),
    );
    expectError(await call("/auth/refresh", { body: { refreshToken: account.refreshToken } }), 401, "invalid_token");
    expectError(
      await call("/auth/refresh", { body: { refreshToken: rotated.body.refreshToken } }),
      401,
      "invalid_token",
    );
  });

  it("gives 10 concurrent refreshes of one token the same new refresh token, and the session goes on", async () => {
    const account = await signUp();
    const results = await Promise.all(
      Array.from({ length: 10 }, () => call("/auth/refresh", { body: { refreshToken: account.refreshToken } })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
    const successors = new Set(results.map((r) => r.body.refreshToken));
    expect(successors.size).toBe(1);
    expect([...successors][0]).not.toBe(account.refreshToken);
    for (const result of results) expect((await call("/me", { token: result.body.accessToken })).status).toBe(200);
    // The family has one live token, the shared successor, which rotates on as usual.
    const next = await call("/auth/refresh", { body: { refreshToken: results[0].body.refreshToken } });
    expect(next.status).toBe(200);
    expect((await call("/me", { token: next.body.accessToken })).status).toBe(200);
  });

  it("answers a repeated refresh within the grace window, before the new token is used, with the same new token", async () => {
    const account = await signUp();
    const first = await call("/auth/refresh", { body: { refreshToken: account.refreshToken } });
    const retried = await call("/auth/refresh", { body: { refreshToken: account.refreshToken } });
    expect(retried.status).toBe(200);
    expect(retried.body.refreshToken).toBe(first.body.refreshToken);
  });

  it("ends the session on logout", async () => {
    const account = await signUp();
    expect((await call("/auth/logout", { body: { refreshToken: account.refreshToken } })).status).toBe(204);
    expectError(await call("/auth/refresh", { body: { refreshToken: account.refreshToken } }), 401, "invalid_token");
  });

  it("rejects an unknown refresh token and a missing one", async () => {
    expectError(await call("/auth/refresh", { body: { refreshToken: "made-up" } }), 401, "invalid_token");
    expectError(await call("/auth/refresh", { body: {} }), 401, "invalid_token");
  });
});

describe("password reset", () => {
  it("resets the password with a reset code and revokes every session", async () => {
    const account = await signUp();
    const username = account.user.username;
    const other = await call("/auth/login", { body: { username, password: account.password } });

    expect((await call("/auth/password/forgot", { body: { username } })).status).toBe(202);
    const code = await latestCode(username, "reset");
    const reset = await call("/auth/password/reset", { body: { username, code, password: "a-brand-new-password" } });
    expect(reset.status).toBe(204);

    for (const token of [account.refreshToken, other.body.refreshToken]) {
      expectError(await call("/auth/refresh", { body: { refreshToken: token } }), 401, "invalid_token");
    }
    expectError(
      await call("/auth/login", { body: { username, password: account.password } }),
      401,
      "invalid_credentials",
    );
    expect((await call("/auth/login", { body: { username, password: "a-brand-new-password" } })).status).toBe(200);
  });

  it("answers forgot-password for an unknown username exactly as for a known one, and sends nothing", async () => {
    const unknown = uniqueEmail();
    const result = await call("/auth/password/forgot", { body: { username: unknown } });
    expect(result.status).toBe(202);
    expect(result.body).toBeUndefined();
    expect((await call(`/dev/outbox?to=${unknown}`)).body.items).toEqual([]);
  });
});

describe("ending every session at once", () => {
  it("ends access tokens issued before a password reset", async () => {
    const account = await signUp();
    const username = account.user.username;
    expect((await call("/me", { token: account.accessToken })).status).toBe(200);
    await call("/auth/password/forgot", { body: { username } });
    const code = await latestCode(username, "reset");
    await call("/auth/password/reset", { body: { username, code, password: "a-brand-new-password" } });
    expectError(await call("/me", { token: account.accessToken }), 401, "invalid_token");
    const fresh = await call("/auth/login", { body: { username, password: "a-brand-new-password" } });
    expect((await call("/me", { token: fresh.body.accessToken })).status).toBe(200);
  });

  it("signs out everywhere: every access and refresh token of the user stops working, other users' keep working", async () => {
    const account = await signUp();
    const second = await call("/auth/login", { body: { username: account.user.username, password: account.password } });
    const bystander = await signUp();
    const ended = await call("/auth/logout-all", { method: "POST", token: account.accessToken });
    expect(ended.status).toBe(204);
    for (const token of [account.accessToken, second.body.accessToken])
      expectError(await call("/me", { token }), 401, "invalid_token");
    for (const refreshToken of [account.refreshToken, second.body.refreshToken])
      expectError(await call("/auth/refresh", { body: { refreshToken } }), 401, "invalid_token");
    expect((await call("/me", { token: bystander.accessToken })).status).toBe(200);
    const again = await call("/auth/login", { body: { username: account.user.username, password: account.password } });
    expect((await call("/me", { token: again.body.accessToken })).status).toBe(200);
    expectError(await call("/auth/logout-all", { method: "POST" }), 401, "unauthenticated");
  });
});
