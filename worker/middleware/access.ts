import { createRoute, type RouteConfig } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env.ts";
import { AppError, errorSchema } from "../lib/errors.ts";
import { jsonContent } from "../lib/openapi.ts";
import { type Role, verifyAccessToken } from "../lib/tokens.ts";
import type { ActorContext } from "../platform/context.ts";
import { findUserById } from "../repositories/users.repository.ts";

/** Who may call a route: anyone, any signed-in user, staff (and admins), or admins alone. */
export type Access = "public" | "signedIn" | "staff" | "admin";

/** The roles each access admits; `public` needs no token at all. */
export const admitted: Record<Exclude<Access, "public">, readonly Role[]> = {
  signedIn: ["customer", "staff", "admin"],
  staff: ["staff", "admin"],
  admin: ["admin"],
};

/**
 * Requires a valid access token of an active user. The user is read fresh from Postgres, so a
 * deactivation or a role change takes effect on the very next request, and a token issued before
 * the user's sessions were ended (an older session epoch) is refused.
 */
const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header("authorization");
  if (!header) throw new AppError("unauthenticated", "Sign in to continue.");
  const [scheme, token] = header.split(" ");
  if (scheme?.toLowerCase() !== "bearer" || !token)
    throw new AppError("invalid_token", "Expected a Bearer access token.");
  const claims = await verifyAccessToken(c.env, token);
  const user = await findUserById(c.get("ctx").db, claims.sub);
  if (!user?.active || (claims.ep ?? 0) !== user.sessionEpoch)
    throw new AppError("invalid_token", "The access token is invalid or expired.");
  c.set("user", user);
  c.set("claims", claims);
  await next();
});

const allow = (roles: readonly Role[]) =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (!roles.includes(actorOf(c).actor.role)) throw new AppError("forbidden", "You are not allowed to do this.");
    await next();
  });

const guards: Record<Access, MiddlewareHandler<AppEnv>[]> = {
  public: [],
  signedIn: [authenticate],
  staff: [authenticate, allow(admitted.staff)],
  admin: [authenticate, allow(admitted.admin)],
};

const refusals = {
  public: {},
  signedIn: { 401: jsonContent(errorSchema, "Not signed in") },
  staff: { 401: jsonContent(errorSchema, "Not signed in"), 403: jsonContent(errorSchema, "Not staff") },
  admin: { 401: jsonContent(errorSchema, "Not signed in"), 403: jsonContent(errorSchema, "Not an admin") },
};
type Refusals = typeof refusals;

/**
 * A route with its access declared beside its definition: the one declaration becomes the guards
 * that run first (before any validation, so a caller without access learns nothing), the OpenAPI
 * `security`, its 401/403 answers, and the operation's `x-access`, which tests read.
 */
export function route<A extends Access, P extends string, R extends Omit<RouteConfig, "path"> & { path: P }>(
  access: A,
  config: R,
) {
  const responses = { ...config.responses, ...refusals[access] } as R["responses"] & Refusals[A];
  return createRoute({
    ...config,
    ...(access === "public" ? {} : { security: [{ bearer: [] }] }),
    "x-access": access,
    middleware: [...guards[access], ...toArray(config.middleware)],
    responses,
  }) as Omit<R, "responses"> & { responses: R["responses"] & Refusals[A] };
}

const toArray = (middleware: RouteConfig["middleware"]) =>
  middleware === undefined ? [] : Array.isArray(middleware) ? middleware : [middleware];

/** The context acting for the signed-in user of a route whose access needs one. */
export function actorOf(c: Context<AppEnv>): ActorContext {
  const user = c.get("user");
  if (!user) throw new AppError("unauthenticated", "Sign in to continue.");
  return Object.assign(Object.create(c.get("ctx")) as ActorContext, { actor: user });
}

/** The client's address for per-address limits (Cloudflare sets the header in production). */
export const clientIp = (c: Context<AppEnv>) => c.req.header("cf-connecting-ip") ?? "unknown";
