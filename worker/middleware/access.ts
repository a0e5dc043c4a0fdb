import { createRoute, type RouteConfig } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env.ts";
import { clientAddressKey } from "../lib/client-address.ts";
import { AppError, errorSchema } from "../lib/errors.ts";
import { jsonContent } from "../lib/openapi.ts";
import { type Role, verifyAccessToken } from "../lib/tokens.ts";
import type { ActorContext } from "../platform/context.ts";
import { admitted, Session } from "../platform/session.ts";
import { limitBody, refuseNul } from "./request-body.ts";

/** Who may call a route: anyone, any signed-in user, staff (and admins), or admins alone. */
export type Access = "public" | "signedIn" | "staff" | "admin";

/**
 * Requires a valid access token whose role the route admits, at once and before any validation. The
 * check that the user is still active and the token's session epoch current rides with the request's
 * first statement (one round trip in all); if the request reached the database no other way, it runs
 * before the answer is released, so a deactivated or signed-out user's token ends at once either way.
 */
const authenticate = (roles: readonly Role[]) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header("authorization");
    if (!header) throw new AppError("unauthenticated", "Sign in to continue.");
    const token = /^bearer ([\w.~+/-]+=*)$/i.exec(header.trim())?.[1];
    if (!token) throw new AppError("invalid_token", "Expected a Bearer access token.");
    const claims = await verifyAccessToken(c.get("ctx").config.signing, token);
    const asClaimed = { userId: claims.sub, role: claims.role, epoch: claims.ep ?? 0, sessionId: claims.sid ?? null };
    if (!roles.includes(claims.role)) {
      // A token of an older role is stale (401, so the client refreshes it), not forbidden.
      await new Session(asClaimed, admitted.signedIn).user(c.get("ctx"));
      throw new AppError("forbidden", "You are not allowed to do this.");
    }
    const session = new Session(asClaimed, roles);
    c.get("ctx").session = session;
    await next();
    // An answer that says the database is unavailable releases nothing, and asking it again would
    // only wait for a second deadline.
    if (!session.checked && c.res.status !== 503) await session.user(c.get("ctx"));
  });

const guards: Record<Access, MiddlewareHandler<AppEnv>[]> = {
  public: [],
  signedIn: [authenticate(admitted.signedIn)],
  staff: [authenticate(admitted.staff)],
  admin: [authenticate(admitted.admin)],
};

const refusals = {
  public: {},
  signedIn: { 401: jsonContent(errorSchema, "Not signed in") },
  staff: { 401: jsonContent(errorSchema, "Not signed in"), 403: jsonContent(errorSchema, "Not staff") },
  admin: { 401: jsonContent(errorSchema, "Not signed in"), 403: jsonContent(errorSchema, "Not an admin") },
};
type Refusals = typeof refusals;

/**
 * What a route answers about the body before its handler runs: any request may send one too large
 * (request-body.ts), and one that reads a body refuses another media type (the validator).
 */
const tooLarge = { 413: jsonContent(errorSchema, "The body is too large") };
const otherMediaType = { 415: jsonContent(errorSchema, "The body is not of the media type the operation reads") };
type BodyRefusals<R> = typeof tooLarge & (R extends { request: { body: object } } ? typeof otherMediaType : unknown);

/**
 * A route with its access declared beside its definition: the one declaration becomes the guards
 * that run first (before the body's limits and any validation, so a caller without access learns
 * nothing), the OpenAPI `security`, its 401/403 and 413 answers (and 415 where it reads a body), and the
 * operation's `x-access`, which tests read.
 */
export function route<A extends Access, P extends string, R extends Omit<RouteConfig, "path"> & { path: P }>(
  access: A,
  config: R,
) {
  const responses = {
    ...config.responses,
    ...refusals[access],
    ...tooLarge,
    ...(config.request?.body ? otherMediaType : {}),
  } as R["responses"] & Refusals[A] & BodyRefusals<R>;
  return createRoute({
    operationId: operationIdOf(config.method, config.path),
    ...config,
    // Public operations say so (an empty list), so a client generated from the document knows.
    security: access === "public" ? [] : [{ bearer: [] }],
    "x-access": access,
    middleware: [...guards[access], limitBody, refuseNul, ...toArray(config.middleware)],
    responses,
  }) as Omit<R, "responses"> & { responses: R["responses"] & Refusals[A] & BodyRefusals<R> };
}

/**
 * A stable operationId from the method and path, which generated clients name their methods after:
 * `POST /admin/orders/{id}/refund` is `postAdminOrdersByIdRefund`.
 */
export function operationIdOf(method: string, path: string): string {
  const words = path
    .split("/")
    .filter(Boolean)
    .flatMap((segment) => {
      const param = /^\{(.+)\}$/.exec(segment)?.[1];
      return (param ? `by-${param}` : segment).split(/[^A-Za-z0-9]+/).filter(Boolean);
    });
  const pascal = words.map((word) => word[0].toUpperCase() + word.slice(1)).join("");
  return `${method.toLowerCase()}${pascal}`;
}

const toArray = (middleware: RouteConfig["middleware"]) =>
  middleware === undefined ? [] : Array.isArray(middleware) ? middleware : [middleware];

/** The context acting for the signed-in user of a route whose access needs one. */
export function actorOf(c: Context<AppEnv>): ActorContext {
  const ctx = c.get("ctx");
  const session = ctx.session;
  if (!session) throw new AppError("unauthenticated", "Sign in to continue.");
  const actor = { id: session.claims.userId, role: session.claims.role };
  return Object.assign(Object.create(ctx) as ActorContext, { actor, session });
}

/**
 * The client's address as per-address limits count it (Cloudflare sets the header in production):
 * an IPv6 client is its /64.
 */
export const clientIp = (c: Context<AppEnv>) => clientAddressKey(c.req.header("cf-connecting-ip") ?? "unknown");
