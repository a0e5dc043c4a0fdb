import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { answer, client, expectStatus } from "../../test/support/client.ts";
import {
  call,
  type ErrorBody,
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

/** A refresh of a refresh token, from an address of its own. */
const refresh = (refreshToken: string) => answer(client().auth.refresh.$post({ json: { refreshToken } }));
const login = (username: string, password: string) =>
  answer(client().auth.login.$post({ json: { username, password } }));
const me = (token: string) => answer(client({ token }).me.$get());

describe("registration and verification", () => {
  it("registers an email account, sends a verify code, and verifies it into a session", async () => {
    const username = uniqueEmail();
    const ip = randomIp();
    const registered = await answer(
      client({ ip }).auth.register.$post({ json: { username, password: "correct-horse-battery" } }),
    );
    expect(registered.status).toBe(201);
    expect(expectStatus(registered, 201).user).toMatchObject({
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

    const verified = await answer(client({ ip }).auth.verify.$post({ json: { username, code: sent.code ?? "" } }));
    expect(verified.status).toBe(200);
    const session = expectStatus(verified, 200);
    expect(session.user.isEmailVerified).toBe(true);
    const mine = await me(session.accessToken);
    expect(mine.body).toEqual(session.user);
  });

  it("treats national and international forms of a phone number as one account, verified by SMS", async () => {
    const national = `0912 ${Math.floor(100 + Math.random() * 900)} ${Math.floor(1000 + Math.random() * 9000)}`;
    const e164 = `+98${national.replaceAll(" ", "").slice(1)}`;
    const first = await answer(
      client().auth.register.$post({ json: { username: national, password: "correct-horse-battery" } }),
    );
    expect(first.status).toBe(201);
    const firstUser = expectStatus(first, 201).user;
    expect(firstUser).toMatchObject({ username: e164, phone: e164, email: null });
    await latestCode(e164, "verify");
    const before = new Date().toISOString();
    const again = await answer(
      client().auth.register.$post({ json: { username: e164, password: "another-password" } }),
    );
    expect(again.status).toBe(201);
    expect(expectStatus(again, 201).user.id).toBe(firstUser.id);

    const code = await latestCode(e164, "verify", before);
    expect((await latestMessage(e164, "verify")).channel).toBe("sms");
    const verified = await answer(client().auth.verify.$post({ json: { username: e164, code } }));
    expect(expectStatus(verified, 200).user).toMatchObject({ isPhoneVerified: true, isEmailVerified: false });
  });

  it("normalises emails: trimmed and lower-cased", async () => {
    const local = `Buyer-${crypto.randomUUID()}`;
    const result = await answer(
      client().auth.register.$post({ json: { username: `  ${local}@Example.COM `, password: "correct-horse" } }),
    );
    expect(expectStatus(result, 201).user.username).toBe(`${local.toLowerCase()}@example.com`);
  });

  it("compares emails case-insensitively: sign-in, codes and the admin's new accounts", async () => {
    const account = await signUp();
    const shouted = account.user.username.toUpperCase();
    const signedIn = await login(shouted, account.password);
    expect(signedIn.status).toBe(200);
    expect(expectStatus(signedIn, 200).user.id).toBe(account.user.id);
    const mixed = `${account.user.username[0].toUpperCase()}${account.user.username.slice(1)}`;
    const before = new Date().toISOString();
    expect((await answer(client().auth.password.forgot.$post({ json: { username: mixed } }))).status).toBe(202);
    const code = await latestCode(account.user.username, "reset", before);
    expect(
      (
        await answer(
          client().auth.password.reset.$post({ json: { username: shouted, code, password: "a-brand-new-password" } }),
        )
      ).status,
    ).toBe(204);
    const duplicate = await answer(
      client({ token: await tokenFor(seedAdmin, "admin") }).admin.users.$post({
        json: { username: shouted, password: "correct-horse-battery", role: "customer" },
      }),
    );
    expectError(duplicate, 409, "username_taken");
  });

  // Raw: the bodies break the contract on purpose (one has no password at all).
  it.each([
    [{ username: "not a username", password: "long-enough" }, "username"],
    [{ username: "12", password: "long-enough" }, "username"],
    [{ username: uniqueEmail(), password: "short" }, "password"],
    [{ username: uniqueEmail(), password: "x".repeat(129) }, "password"],
    [{ username: uniqueEmail() }, "password"],
  ])("rejects %o with 400", async (body, field) => {
    const result = await call<ErrorBody>("/auth/register", { body });
    expectError(result, 400, "invalid_request");
    expect(JSON.stringify(result.body.error.details)).toContain(field);
  });

  it("rejects malformed JSON with 400, not 500", async () => {
    // Raw: a JSON content type with no body at all.
    const result = await call("/auth/login", { headers: { "content-type": "application/json" }, method: "POST" });
    expectError(result, 400, "invalid_request");
  });
});

describe("password login", () => {
  it("signs in a verified account and sets the refresh cookie for the auth path only", async () => {
    const account = await signUp();
    const result = await login(account.user.username, account.password);
    expect(result.status).toBe(200);
    const session = expectStatus(result, 200);
    expect(session).toMatchObject({ accessToken: expect.any(String), refreshToken: expect.any(String) });
    const cookie = result.headers.get("set-cookie") ?? "";
    expect(cookie).toContain(`royal_refresh=${session.refreshToken}`);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Secure/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toContain("Path=/api/v1/auth");
  });

  it("answers an unknown user and a wrong password with the same 401", async () => {
    const account = await signUp();
    const wrongPassword = await login(account.user.username, "wrong-password");
    const unknownUser = await login(uniqueEmail(), "wrong-password");
    expectError(wrongPassword, 401, "invalid_credentials");
    expectError(unknownUser, 401, "invalid_credentials");
    const { requestId: _a, ...first } = expectStatus(wrongPassword, 401).error;
    const { requestId: _b, ...second } = expectStatus(unknownUser, 401).error;
    expect(first).toEqual(second);
  });

  it("refuses an unverified account with 403 unverified, and only after the password matched", async () => {
    const username = uniqueEmail();
    const created = await answer(
      client({ token: await tokenFor(seedAdmin, "admin") }).admin.users.$post({
        json: { username, password: "correct-horse-battery", role: "customer", verified: false },
      }),
    );
    expect(created.status).toBe(201);
    expectError(await login(username, "correct-horse-battery"), 403, "unverified");
    expectError(await login(username, "wrong-password"), 401, "invalid_credentials");
  });

  it("answers a password sign-in to a username just registered as to one held by someone else: 401, telling nothing", async () => {
    const owner = await signUp();
    const fresh = uniqueEmail();
    for (const username of [fresh, owner.user.username]) {
      expect(
        (await answer(client().auth.register.$post({ json: { username, password: "the-same-password" } }))).status,
      ).toBe(201);
    }
    const answers = await Promise.all(
      [fresh, owner.user.username].map((username) => login(username, "the-same-password")),
    );
    for (const answer of answers) expectError(answer, 401, "invalid_credentials");
  });

  it("signs in the seeded demo accounts", async () => {
    for (const [username, password, role] of [
      ["admin@royal.shop", "royal-admin", "admin"],
      ["shopper@royal.shop", "royal-shopper", "customer"],
    ]) {
      const result = await login(username, password);
      expect(result.status).toBe(200);
      expect(expectStatus(result, 200).user).toMatchObject({ username, role, isEmailVerified: true });
    }
  });
});

describe("passwordless login with a code", () => {
  it("signs in with a login code, once", async () => {
    const account = await signUp();
    const username = account.user.username;
    expect((await answer(client().auth.otp.$post({ json: { username, purpose: "login" } }))).status).toBe(202);
    const code = await latestCode(username, "login");
    const first = await answer(client().auth.login.otp.$post({ json: { username, code } }));
    expect(first.status).toBe(200);
    expect(expectStatus(first, 200).user.id).toBe(account.user.id);
    expectError(await answer(client().auth.login.otp.$post({ json: { username, code } })), 401, "invalid_code");
  });
});

describe("refresh and logout", () => {
  it("rotates the refresh token on every use", async () => {
    const account = await signUp();
    const refreshed = await refresh(account.refreshToken);
    expect(refreshed.status).toBe(200);
    const session = expectStatus(refreshed, 200);
    expect(session.refreshToken).not.toBe(account.refreshToken);
    expect(expectStatus(await me(session.accessToken), 200).id).toBe(account.user.id);
  });

  it("takes the refresh token from the cookie when the body has none", async () => {
    const account = await signUp();
    const result = await answer(
      client({ headers: { cookie: `royal_refresh=${account.refreshToken}` } }).auth.refresh.$post({ json: {} }),
    );
    expect(result.status).toBe(200);
  });

  it("revokes the whole family when a rotated token is presented again after its successor was used", async () => {
    const account = await signUp();
    const rotated = await refresh(account.refreshToken);
    expect(rotated.status).toBe(200);
    const next = await refresh(expectStatus(rotated, 200).refreshToken);
    expect(next.status).toBe(200);
    const nextSession = expectStatus(next, 200);
    expectError(await refresh(account.refreshToken), 401, "invalid_token");
    // The thief's replay also cut off the tokens issued since, and the session's access tokens.
    expectError(await refresh(nextSession.refreshToken), 401, "invalid_token");
    expectError(await me(nextSession.accessToken), 401, "invalid_token");
  });

  it("revokes the whole family when a rotated token is presented again after the grace window", async () => {
    const account = await signUp();
    const rotated = await refresh(account.refreshToken);
    expect(rotated.status).toBe(200);
    await withServices(({ db }) =>
      db.execute(sql`UPDATE refresh_tokens SET rotated_at = now() - make_interval(secs => ${refreshGraceSeconds + 1})
        WHERE family_id = (SELECT family_id FROM refresh_tokens WHERE user_id = ${account.user.id} LIMIT 1)
          AND rotated_at IS NOT NULL`),
    );
    expectError(await refresh(account.refreshToken), 401, "invalid_token");
    expectError(await refresh(expectStatus(rotated, 200).refreshToken), 401, "invalid_token");
  });

  it("gives 10 concurrent refreshes of one token the same new refresh token, and the session goes on", async () => {
    const account = await signUp();
    const results = await Promise.all(Array.from({ length: 10 }, () => refresh(account.refreshToken)));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
    const sessions = results.map((r) => expectStatus(r, 200));
    const successors = new Set(sessions.map((s) => s.refreshToken));
    expect(successors.size).toBe(1);
    expect([...successors][0]).not.toBe(account.refreshToken);
    for (const session of sessions) expect((await me(session.accessToken)).status).toBe(200);
    // The family has one live token, the shared successor, which rotates on as usual.
    const next = await refresh(sessions[0].refreshToken);
    expect(next.status).toBe(200);
    expect((await me(expectStatus(next, 200).accessToken)).status).toBe(200);
  });

  it("answers a repeated refresh within the grace window, before the new token is used, with the same new token", async () => {
    const account = await signUp();
    const first = await refresh(account.refreshToken);
    const retried = await refresh(account.refreshToken);
    expect(retried.status).toBe(200);
    expect(expectStatus(retried, 200).refreshToken).toBe(expectStatus(first, 200).refreshToken);
  });

  it("ends the session on logout", async () => {
    const account = await signUp();
    expect((await answer(client().auth.logout.$post({ json: { refreshToken: account.refreshToken } }))).status).toBe(
      204,
    );
    expectError(await refresh(account.refreshToken), 401, "invalid_token");
  });

  it("rejects an unknown refresh token and a missing one", async () => {
    expectError(await refresh("made-up"), 401, "invalid_token");
    expectError(await answer(client().auth.refresh.$post({ json: {} })), 401, "invalid_token");
  });
});

describe("password reset", () => {
  it("resets the password with a reset code and revokes every session", async () => {
    const account = await signUp();
    const username = account.user.username;
    const other = await login(username, account.password);

    expect((await answer(client().auth.password.forgot.$post({ json: { username } }))).status).toBe(202);
    const code = await latestCode(username, "reset");
    const reset = await answer(
      client().auth.password.reset.$post({ json: { username, code, password: "a-brand-new-password" } }),
    );
    expect(reset.status).toBe(204);

    for (const token of [account.refreshToken, expectStatus(other, 200).refreshToken]) {
      expectError(await refresh(token), 401, "invalid_token");
    }
    expectError(await login(username, account.password), 401, "invalid_credentials");
    expect((await login(username, "a-brand-new-password")).status).toBe(200);
  });

  it("answers forgot-password for an unknown username exactly as for a known one, and sends nothing", async () => {
    const unknown = uniqueEmail();
    const result = await answer(client().auth.password.forgot.$post({ json: { username: unknown } }));
    expect(result.status).toBe(202);
    expect(result.body).toBeUndefined();
    expect(expectStatus(await answer(client().dev.outbox.$get({ query: { to: unknown } })), 200).items).toEqual([]);
  });
});

describe("ending every session at once", () => {
  it("ends access tokens issued before a password reset", async () => {
    const account = await signUp();
    const username = account.user.username;
    expect((await me(account.accessToken)).status).toBe(200);
    await answer(client().auth.password.forgot.$post({ json: { username } }));
    const code = await latestCode(username, "reset");
    await answer(client().auth.password.reset.$post({ json: { username, code, password: "a-brand-new-password" } }));
    expectError(await me(account.accessToken), 401, "invalid_token");
    const fresh = await login(username, "a-brand-new-password");
    expect((await me(expectStatus(fresh, 200).accessToken)).status).toBe(200);
  });

  it("signs out everywhere: every access and refresh token of the user stops working, other users' keep working", async () => {
    const account = await signUp();
    const second = expectStatus(await login(account.user.username, account.password), 200);
    const bystander = await signUp();
    const ended = await answer(client({ token: account.accessToken }).auth["logout-all"].$post());
    expect(ended.status).toBe(204);
    for (const token of [account.accessToken, second.accessToken]) expectError(await me(token), 401, "invalid_token");
    for (const refreshToken of [account.refreshToken, second.refreshToken])
      expectError(await refresh(refreshToken), 401, "invalid_token");
    expect((await me(bystander.accessToken)).status).toBe(200);
    const again = await login(account.user.username, account.password);
    expect((await me(expectStatus(again, 200).accessToken)).status).toBe(200);
    expectError(await answer(client().auth["logout-all"].$post()), 401, "unauthenticated");
  });
});
