import { errors, importJWK, type JWK, type JWTPayload, jwtVerify, SignJWT } from "jose";
import { AppError } from "./errors.ts";

export const accessTokenTtlSeconds = 15 * 60;
export const refreshTokenTtlSeconds = 30 * 24 * 60 * 60;
export const tokenIssuer = "royal-shop";
export const tokenAudience = "royal-shop-api";
const algorithm = "ES256";

export type Role = "customer" | "staff" | "admin";

export interface AccessClaims {
  sub: string;
  role: Role;
  /** The session (refresh token family) the token belongs to. */
  sid?: string;
  /** The user's session epoch when the token was issued; a token of an older epoch is dead. */
  ep?: number;
}

export const ticketTtlSeconds = 60;
const ticketAudience = "royal-shop-realtime";

export interface SigningConfig {
  JWT_PRIVATE_JWK: string;
  JWT_KEY_ID: string;
  /** Public keys of earlier signing keys, still accepted while their tokens live: a JSON array of JWKs with `kid`. */
  JWT_PREVIOUS_PUBLIC_JWKS?: string;
}

export async function signAccessToken(config: SigningConfig, claims: AccessClaims, now = Date.now()): Promise<string> {
  const key = await importJWK(JSON.parse(config.JWT_PRIVATE_JWK) as JWK, algorithm);
  const issuedAt = Math.floor(now / 1000);
  return new SignJWT({ role: claims.role, ep: claims.ep ?? 0, ...(claims.sid ? { sid: claims.sid } : {}) })
    .setProtectedHeader({ alg: algorithm, kid: config.JWT_KEY_ID, typ: "JWT" })
    .setSubject(claims.sub)
    .setIssuer(tokenIssuer)
    .setAudience(tokenAudience)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + accessTokenTtlSeconds)
    .setJti(crypto.randomUUID())
    .sign(key);
}

/** Verifies signature, algorithm, key id, issuer, audience and expiry; any failure is 401 `invalid_token`. */
export function verifyAccessToken(config: SigningConfig, token: string): Promise<AccessClaims & JWTPayload> {
  return verifyFor(config, token, tokenAudience);
}

/**
 * A realtime ticket: good for 60 s, for opening sockets only (its own audience), never as an access
 * token. It carries the session and epoch of the token it was asked with, which the room checks.
 */
export async function signTicket(config: SigningConfig, claims: AccessClaims, now = Date.now()) {
  const issuedAt = Math.floor(now / 1000);
  const ticket = await new SignJWT({
    role: claims.role,
    ep: claims.ep ?? 0,
    ...(claims.sid ? { sid: claims.sid } : {}),
  })
    .setProtectedHeader({ alg: algorithm, kid: config.JWT_KEY_ID, typ: "JWT" })
    .setSubject(claims.sub)
    .setIssuer(tokenIssuer)
    .setAudience(ticketAudience)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ticketTtlSeconds)
    .sign(await importJWK(JSON.parse(config.JWT_PRIVATE_JWK) as JWK, algorithm));
  return { ticket, expiresAt: new Date((issuedAt + ticketTtlSeconds) * 1000).toISOString() };
}

export function verifyTicket(config: SigningConfig, ticket: string): Promise<AccessClaims & JWTPayload> {
  return verifyFor(config, ticket, ticketAudience);
}

async function verifyFor(config: SigningConfig, token: string, audience: string): Promise<AccessClaims & JWTPayload> {
  const keys = await publicKeys(config);
  try {
    const { payload } = await jwtVerify(
      token,
      async (header) => {
        const key = header.kid ? keys.get(header.kid) : undefined;
        if (!key) throw new errors.JWKSNoMatchingKey();
        return key;
      },
      { algorithms: [algorithm], issuer: tokenIssuer, audience, requiredClaims: ["sub", "exp", "iat"] },
    );
    if (payload.role !== "customer" && payload.role !== "staff" && payload.role !== "admin")
      throw new Error("bad role");
    return payload as AccessClaims & JWTPayload;
  } catch {
    throw new AppError("invalid_token", "The access token is invalid or expired.");
  }
}

/** The public half of a private JWK (without `d`, and without the private key's `key_ops`). */
function publicHalf(privateJwk: string): JWK {
  const { d: _d, key_ops: _ops, ext: _ext, ...rest } = JSON.parse(privateJwk) as JWK;
  return rest;
}

async function publicKeys(config: SigningConfig): Promise<Map<string, CryptoKey | Uint8Array>> {
  const keys = new Map<string, CryptoKey | Uint8Array>();
  keys.set(config.JWT_KEY_ID, await importJWK(publicHalf(config.JWT_PRIVATE_JWK), algorithm));
  const previous = config.JWT_PREVIOUS_PUBLIC_JWKS ? (JSON.parse(config.JWT_PREVIOUS_PUBLIC_JWKS) as JWK[]) : [];
  for (const jwk of previous) if (jwk.kid) keys.set(jwk.kid, await importJWK(jwk, algorithm));
  return keys;
}

/** The public half of the signing keys, for `/.well-known/jwks.json`. */
export async function publicJwks(config: SigningConfig): Promise<{ keys: JWK[] }> {
  const previous = config.JWT_PREVIOUS_PUBLIC_JWKS ? (JSON.parse(config.JWT_PREVIOUS_PUBLIC_JWKS) as JWK[]) : [];
  return {
    keys: [{ ...publicHalf(config.JWT_PRIVATE_JWK), kid: config.JWT_KEY_ID, alg: algorithm, use: "sig" }, ...previous],
  };
}

/** Refresh tokens are opaque random values; only their SHA-256 is stored. */
export function newRefreshToken(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

/**
 * The token a refresh token rotates into: derived from it under the server's secret, so requests
 * refreshing one token at once (tabs opening together) all compute the same successor without
 * coordinating, and nobody without the secret can compute it.
 */
export async function successorRefreshToken(secret: string, token: string): Promise<string> {
  return base64url(await hmac(secret, `refresh-successor:${token}`));
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

async function hmac(secret: string, text: string): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  return new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(text)));
}

export async function hmacHex(secret: string, text: string): Promise<string> {
  return [...(await hmac(secret, text))].map((b) => b.toString(16).padStart(2, "0")).join("");
}

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");
}

/** The key that opens a guest's order (its API and its live room): 128 bits of the shop's HMAC of its id. */
export async function orderKey(secret: string, orderId: string): Promise<string> {
  return (await hmacHex(secret, `order-key:${orderId}`)).slice(0, 32);
}
