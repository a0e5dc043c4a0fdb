import { env } from "cloudflare:workers";
import { importJWK, type JWK, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { answer, client, expectStatus } from "../../test/support/client.ts";
import { call, expectError, seedShopper, signUp, withServices } from "../../test/support/shop.ts";
import { hashPassword, needsRehash, PBKDF2_ITERATIONS, verifyPassword } from "../lib/password.ts";
import {
  accessTokenTtlSeconds,
  signAccessToken,
  tokenAudience,
  tokenIssuer,
  verifyAccessToken,
} from "../lib/tokens.ts";

const privateJwk = () => JSON.parse(env.JWT_PRIVATE_JWK) as JWK;
const encode = (value: unknown) =>
  btoa(JSON.stringify(value)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");

async function forge(
  claims: Record<string, unknown>,
  options: { key?: JWK; kid?: string; iss?: string; aud?: string; exp?: number } = {},
) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "ES256", kid: options.kid ?? env.JWT_KEY_ID })
    .setSubject(seedShopper.id)
    .setIssuer(options.iss ?? tokenIssuer)
    .setAudience(options.aud ?? tokenAudience)
    .setIssuedAt(now)
    .setExpirationTime(options.exp ?? now + 60)
    .sign(await importJWK(options.key ?? privateJwk(), "ES256"));
}

async function otherKey(): Promise<JWK> {
  const pair = (await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
    "sign",
    "verify",
  ])) as CryptoKeyPair;
  return (await crypto.subtle.exportKey("jwk", pair.privateKey)) as JWK;
}

/** Raw: the tokens it carries are forged on purpose. */
const meWith = (token: string) => call("/me", { token });

describe("access tokens", () => {
  it("are ES256 JWTs with a kid, issuer, audience and a 15-minute life", async () => {
    const token = await signAccessToken(env, { sub: seedShopper.id, role: "customer" });
    const [header, payload] = token
      .split(".")
      .slice(0, 2)
      .map((part) => JSON.parse(atob(part.replaceAll("-", "+").replaceAll("_", "/"))));
    expect(header).toMatchObject({ alg: "ES256", kid: env.JWT_KEY_ID });
    expect(payload).toMatchObject({ sub: seedShopper.id, role: "customer", iss: tokenIssuer, aud: tokenAudience });
    expect(payload.exp - payload.iat).toBe(accessTokenTtlSeconds);
    expect(accessTokenTtlSeconds).toBe(900);
    expect((await answer(client({ token }).me.$get())).status).toBe(200);
  });

  it("answers a missing token with 401 unauthenticated and a non-Bearer one with 401 invalid_token", async () => {
    expectError(await answer(client().me.$get()), 401, "unauthenticated");
    // Raw: an authorization header of another scheme than the client's Bearer.
    expectError(await call("/me", { headers: { authorization: "Basic YWRtaW46YWRtaW4=" } }), 401, "invalid_token");
  });

  it("refuses alg none", async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = `${encode({ alg: "none", typ: "JWT", kid: env.JWT_KEY_ID })}.${encode({
      sub: seedShopper.id,
      role: "admin",
      iss: tokenIssuer,
      aud: tokenAudience,
      iat: now,
      exp: now + 60,
    })}.`;
    expectError(await meWith(token), 401, "invalid_token");
  });

  it("refuses another algorithm keyed with the public key (HS256 confusion)", async () => {
    const { d: _d, key_ops: _ops, ...publicJwk } = privateJwk();
    const secret = new TextEncoder().encode(JSON.stringify(publicJwk));
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ role: "admin" })
      .setProtectedHeader({ alg: "HS256", kid: env.JWT_KEY_ID })
      .setSubject(seedShopper.id)
      .setIssuer(tokenIssuer)
      .setAudience(tokenAudience)
      .setIssuedAt(now)
      .setExpirationTime(now + 60)
      .sign(secret);
    expectError(await meWith(token), 401, "invalid_token");
  });

  it("refuses a token signed with a wrong key, even under the right kid", async () => {
    expectError(await meWith(await forge({ role: "customer" }, { key: await otherKey() })), 401, "invalid_token");
  });

  it("refuses a tampered payload", async () => {
    const token = await forge({ role: "customer" });
    const [header, payload, signature] = token.split(".");
    const claims = JSON.parse(atob(payload.replaceAll("-", "+").replaceAll("_", "/")));
    const tampered = `${header}.${encode({ ...claims, role: "admin" })}.${signature}`;
    expectError(await meWith(tampered), 401, "invalid_token");
  });

  it("refuses a wrong issuer, a wrong audience, an unknown kid and an expired token", async () => {
    const past = Math.floor(Date.now() / 1000) - 1;
    for (const token of [
      await forge({ role: "customer" }, { iss: "someone-else" }),
      await forge({ role: "customer" }, { aud: "another-api" }),
      await forge({ role: "customer" }, { kid: "retired-key" }),
      await forge({ role: "customer" }, { exp: past }),
    ]) {
      expectError(await meWith(token), 401, "invalid_token");
    }
  });

  it("keeps accepting tokens of a retired key listed among the previous public keys (rotation)", async () => {
    const retired = await otherKey();
    const { d: _d, key_ops: _ops, ext: _ext, ...retiredPublic } = retired;
    const token = await forge({ role: "customer" }, { key: retired, kid: "2026-10" });
    const rotated = { ...env, JWT_PREVIOUS_PUBLIC_JWKS: JSON.stringify([{ ...retiredPublic, kid: "2026-10" }]) };
    await expect(verifyAccessToken(rotated, token)).resolves.toMatchObject({ sub: seedShopper.id });
    await expect(verifyAccessToken(env, token)).rejects.toMatchObject({ code: "invalid_token" });
  });

  it("publishes the public signing key, without its private part", async () => {
    const jwks = await answer(client()[".well-known"]["jwks.json"].$get());
    expect(jwks.status).toBe(200);
    const body = expectStatus(jwks, 200);
    expect(body.keys[0]).toMatchObject({ kid: env.JWT_KEY_ID, alg: "ES256", kty: "EC", crv: "P-256" });
    expect(body.keys[0].d).toBeUndefined();
  });
});

describe("password hashing", () => {
  it("uses PBKDF2-SHA256 at the Workers maximum of 100,000 iterations, never more", () => {
    // Cloudflare refuses PBKDF2 above 100,000 iterations in production, though local runtimes allow it.
    expect(PBKDF2_ITERATIONS).toBeLessThanOrEqual(100_000);
    expect(PBKDF2_ITERATIONS).toBe(100_000);
  });

  it("stores its parameters with a per-user salt, so equal passwords hash differently", async () => {
    const [a, b] = [await hashPassword("same password"), await hashPassword("same password")];
    expect(a).toMatch(/^pbkdf2_sha256\$100000\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword("same password", a)).toBe(true);
    expect(await verifyPassword("other password", a)).toBe(false);
    expect(await verifyPassword("same password", "garbage")).toBe(false);
  });

  it("upgrades a hash made with weaker parameters at the next login", async () => {
    const account = await signUp();
    const weak = await hashPassword(account.password, 1_000);
    expect(needsRehash(weak)).toBe(true);
    await withServices(({ db }) =>
      db.execute(`UPDATE users SET password_hash = '${weak}' WHERE id = '${account.user.id}'`),
    );
    expect(
      (
        await answer(
          client().auth.login.$post({ json: { username: account.user.username, password: account.password } }),
        )
      ).status,
    ).toBe(200);
    const stored = await withServices(async ({ db }) => {
      const result = await db.execute<{ password_hash: string }>(
        `SELECT password_hash FROM users WHERE id = '${account.user.id}'`,
      );
      return result.rows[0].password_hash;
    });
    expect(stored.startsWith("pbkdf2_sha256$100000$")).toBe(true);
  });
});
