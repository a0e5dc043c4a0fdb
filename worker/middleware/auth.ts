import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env.ts";
import { AppError } from "../lib/errors.ts";
import { type Role, verifyAccessToken } from "../lib/tokens.ts";
import { findUserById, type UserRow } from "../repositories/users.repository.ts";

/**
 * Requires a valid access token of an active user. The user is read fresh from Postgres, so a
 * deactivation or a role change takes effect on the very next request, and a token issued before
 * the user's sessions were ended (an older session epoch) is refused.
 */
export const requireAuth = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header("authorization");
  if (!header) throw new AppError("unauthenticated", "Sign in to continue.");
  const [scheme, token] = header.split(" ");
  if (scheme?.toLowerCase() !== "bearer" || !token)
    throw new AppError("invalid_token", "Expected a Bearer access token.");
  const claims = await verifyAccessToken(c.env, token);
  const user = await findUserById(c.get("services").db, claims.sub);
  if (!user?.isActive || (claims.ep ?? 0) !== user.sessionEpoch)
    throw new AppError("invalid_token", "The access token is invalid or expired.");
  c.set("user", user);
  c.set("sessionId", typeof claims.sid === "string" ? claims.sid : null);
  await next();
});

export function requireRole(...allowed: Role[]) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const user = c.get("user");
    if (!user) throw new AppError("unauthenticated", "Sign in to continue.");
    if (!allowed.includes(user.role)) throw new AppError("forbidden", "You are not allowed to do this.");
    await next();
  });
}

export const requireStaff = requireRole("staff", "admin");
export const requireAdmin = requireRole("admin");

/** The signed-in user of a route behind `requireAuth`. */
export function currentUser(c: Context<AppEnv>): UserRow {
  const user = c.get("user");
  if (!user) throw new AppError("unauthenticated", "Sign in to continue.");
  return user;
}

export const clientIp = (c: Context<AppEnv>) => c.req.header("cf-connecting-ip") ?? "unknown";
