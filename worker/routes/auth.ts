import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../env.ts";
import { createRouter } from "../lib/create-router.ts";
import { AppError, errorSchema } from "../lib/errors.ts";
import { errorResponses, jsonContent } from "../lib/openapi.ts";
import { refreshTokenTtlSeconds } from "../lib/tokens.ts";
import { clientIp, currentUser, requireAuth } from "../middleware/auth.ts";
import {
  forgotBody,
  loginBody,
  otpRequestBody,
  refreshBody,
  registerBody,
  resetBody,
  type Session,
  sessionSchema,
  userSchema,
  verifyBody,
} from "../schemas/auth.ts";
import * as auth from "../services/auth.service.ts";

/** Browsers keep the refresh token here: httpOnly, Secure, SameSite=Strict, sent only to the auth routes. */
const refreshCookie = "royal_refresh";
const cookiePath = "/api/v1/auth";

const body = <T extends z.ZodType>(schema: T) => ({
  body: { content: { "application/json": { schema } }, required: true },
});
const tags = ["Accounts"];
const failures = {
  ...errorResponses,
  401: jsonContent(errorSchema, "Wrong credentials, code or token"),
  429: jsonContent(errorSchema, "Too many attempts (see Retry-After)"),
} as const;
const accepted = { 202: { description: "Accepted; the same answer whether or not the account exists" } };

const context = (c: Context<AppEnv>): auth.AuthContext => {
  const { db, redis, notifier } = c.get("services");
  return { db, redis, notifier, env: c.env, ip: clientIp(c) };
};

function withSession(c: Context<AppEnv>, session: Session) {
  setCookie(c, refreshCookie, session.refreshToken, {
    path: cookiePath,
    httpOnly: true,
    secure: true,
    sameSite: "Strict",
    maxAge: refreshTokenTtlSeconds,
  });
  c.header("Cache-Control", "no-store");
  return c.json(session, 200);
}

function presentedRefreshToken(c: Context<AppEnv>, fromBody: string | undefined): string {
  const token = fromBody ?? getCookie(c, refreshCookie);
  if (!token) throw new AppError("invalid_token", "No refresh token was presented.");
  return token;
}

export const authRouter = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/auth/register",
      tags,
      summary: "Creates an account and sends a verification code to the email or phone",
      request: body(registerBody),
      responses: {
        201: jsonContent(z.object({ user: userSchema }), "The new, unverified account"),
        409: jsonContent(errorSchema, "username_taken"),
        ...failures,
      },
    }),
    async (c) => c.json({ user: await auth.register(context(c), c.req.valid("json")) }, 201),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/auth/otp",
      tags,
      summary: "Sends a one-time code for one purpose",
      request: body(otpRequestBody),
      responses: { ...accepted, ...failures },
    }),
    async (c) => {
      await auth.requestCode(context(c), c.req.valid("json"));
      return c.body(null, 202);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/auth/verify",
      tags,
      summary: "Verifies the account's email or phone with a code and signs in",
      request: body(verifyBody),
      responses: { 200: jsonContent(sessionSchema, "Signed in"), ...failures },
    }),
    async (c) => withSession(c, await auth.verify(context(c), c.req.valid("json"))),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/auth/login",
      tags,
      summary: "Signs in with username and password",
      request: body(loginBody),
      responses: {
        200: jsonContent(sessionSchema, "Signed in"),
        403: jsonContent(errorSchema, "unverified"),
        ...failures,
      },
    }),
    async (c) => withSession(c, await auth.login(context(c), c.req.valid("json"))),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/auth/login/otp",
      tags,
      summary: "Signs in with a `login` code (passwordless)",
      request: body(verifyBody),
      responses: { 200: jsonContent(sessionSchema, "Signed in"), ...failures },
    }),
    async (c) => withSession(c, await auth.loginWithCode(context(c), c.req.valid("json"))),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/auth/refresh",
      tags,
      summary: "Exchanges a refresh token for a new pair; a reused token revokes its family",
      request: body(refreshBody),
      responses: { 200: jsonContent(sessionSchema, "A new token pair"), ...failures },
    }),
    async (c) => {
      const token = presentedRefreshToken(c, c.req.valid("json").refreshToken);
      return withSession(c, await auth.refresh(context(c), token));
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/auth/logout",
      tags,
      summary: "Ends the session of a refresh token",
      request: body(refreshBody),
      responses: { 204: { description: "Signed out" }, ...failures },
    }),
    async (c) => {
      const token = c.req.valid("json").refreshToken ?? getCookie(c, refreshCookie);
      const ended = token ? await auth.logout(context(c), token) : null;
      if (ended) c.get("services").live.disconnect(ended.userId, { sessionId: ended.sessionId }, "signed out");
      deleteCookie(c, refreshCookie, { path: cookiePath, secure: true });
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/auth/logout-all",
      tags,
      security: [{ bearer: [] }],
      middleware: [requireAuth] as const,
      summary: "Signs out everywhere: every refresh and access token of mine stops working at once",
      responses: { 204: { description: "Signed out on every device" }, 401: failures[401] },
    }),
    async (c) => {
      const user = currentUser(c);
      await auth.logoutEverywhere(context(c), user.id);
      c.get("services").live.disconnect(user.id, { userId: user.id }, "signed out everywhere");
      deleteCookie(c, refreshCookie, { path: cookiePath, secure: true });
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/auth/password/forgot",
      tags,
      summary: "Sends a password reset code",
      request: body(forgotBody),
      responses: { ...accepted, ...failures },
    }),
    async (c) => {
      await auth.requestCode(context(c), { username: c.req.valid("json").username, purpose: "reset" });
      return c.body(null, 202);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/auth/password/reset",
      tags,
      summary: "Sets a new password with a reset code; signs out every session",
      request: body(resetBody),
      responses: { 204: { description: "Password changed" }, ...failures },
    }),
    async (c) => {
      const userId = await auth.resetPassword(context(c), c.req.valid("json"));
      c.get("services").live.disconnect(userId, { userId }, "password changed");
      return c.body(null, 204);
    },
  );
