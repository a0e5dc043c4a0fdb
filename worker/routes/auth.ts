import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../env.ts";
import { createRouter } from "../lib/create-router.ts";
import { AppError, errorSchema } from "../lib/errors.ts";
import { errorResponses, jsonBody, jsonContent } from "../lib/openapi.ts";
import { refreshTokenTtlSeconds } from "../lib/tokens.ts";
import { actorOf, clientIp, route } from "../middleware/access.ts";
import { limitedPerAddress } from "../middleware/rate-limits.ts";
import {
  codeLoginBody,
  forgotBody,
  loginBody,
  otpRequestBody,
  refreshBody,
  registerBody,
  registeredSchema,
  resetBody,
  type Session,
  sessionSchema,
  verifyBody,
} from "../schemas/auth.ts";
import * as auth from "../services/auth.service.ts";

/** Browsers keep the refresh token here: httpOnly, Secure, SameSite=Strict, sent only to the auth routes. */
const refreshCookie = "royal_refresh";
/** The secret of this browser's registration, under which its password waits for the verification. */
const registrationCookie = "royal_registration";
const cookiePath = "/api/v1/auth";
const authCookie = { path: cookiePath, httpOnly: true, secure: true, sameSite: "Strict" } as const;

const tags = ["Accounts"];
const failures = {
  ...errorResponses,
  401: jsonContent(errorSchema, "Wrong credentials, code or token"),
  429: jsonContent(errorSchema, "Too many attempts (see Retry-After)"),
};
const accepted = { 202: { description: "Accepted; the same answer whether or not the account exists" } };
const signedIn = { 200: jsonContent(sessionSchema, "Signed in") };

const forClient = (c: Context<AppEnv>): auth.AuthContext =>
  Object.assign(Object.create(c.get("ctx")) as auth.AuthContext, { ip: clientIp(c) });

function withSession(c: Context<AppEnv>, session: Session) {
  setCookie(c, refreshCookie, session.refreshToken, { ...authCookie, maxAge: refreshTokenTtlSeconds });
  c.header("Cache-Control", "no-store");
  return c.json(session, 200);
}

const forgetSession = (c: Context<AppEnv>) => deleteCookie(c, refreshCookie, { path: cookiePath, secure: true });

export const authRouter = createRouter()
  .openapi(
    route("public", {
      method: "post",
      path: "/auth/register",
      tags,
      summary:
        "Creates an account and sends a verification code to the email or phone; answers the same when the username is taken (its owner is told by message)",
      request: jsonBody(registerBody),
      responses: {
        201: jsonContent(registeredSchema, "The new, unverified account"),
        ...failures,
      },
    }),
    async (c) => {
      const { user, registration } = await auth.register(forClient(c), c.req.valid("json"));
      setCookie(c, registrationCookie, registration, { ...authCookie, maxAge: auth.registrationTtlSeconds });
      return c.json({ user }, 201);
    },
  )
  .openapi(
    route("public", {
      method: "post",
      path: "/auth/otp",
      tags,
      summary: "Sends a one-time code for one purpose",
      request: jsonBody(otpRequestBody),
      responses: { ...accepted, ...failures },
    }),
    async (c) => {
      await auth.requestCode(forClient(c), c.req.valid("json"));
      return c.body(null, 202);
    },
  )
  .openapi(
    route("public", {
      method: "post",
      path: "/auth/verify",
      tags,
      summary: "Verifies the account's email or phone with a code and signs in",
      request: jsonBody(verifyBody),
      responses: { ...signedIn, ...failures },
    }),
    async (c) => {
      const session = await auth.verify(forClient(c), c.req.valid("json"), getCookie(c, registrationCookie));
      deleteCookie(c, registrationCookie, { path: cookiePath, secure: true });
      return withSession(c, session);
    },
  )
  .openapi(
    route("public", {
      method: "post",
      path: "/auth/login",
      tags,
      summary: "Signs in with username and password",
      request: jsonBody(loginBody),
      responses: { ...signedIn, 403: jsonContent(errorSchema, "unverified"), ...failures },
    }),
    async (c) => withSession(c, await auth.login(forClient(c), c.req.valid("json"))),
  )
  .openapi(
    route("public", {
      method: "post",
      path: "/auth/login/otp",
      tags,
      summary: "Signs in with a `login` code (passwordless)",
      request: jsonBody(codeLoginBody),
      responses: { ...signedIn, ...failures },
    }),
    async (c) => withSession(c, await auth.loginWithCode(forClient(c), c.req.valid("json"))),
  )
  .openapi(
    route("public", {
      method: "post",
      path: "/auth/refresh",
      tags,
      summary: "Exchanges a refresh token (body or cookie) for a new pair; a reused token revokes its family",
      middleware: [limitedPerAddress("refreshPerIp")],
      request: jsonBody(refreshBody),
      responses: { 200: jsonContent(sessionSchema, "A new token pair"), ...failures },
    }),
    async (c) => {
      const token = c.req.valid("json").refreshToken ?? getCookie(c, refreshCookie);
      if (!token) throw new AppError("invalid_token", "No refresh token was presented.");
      return withSession(c, await auth.refresh(c.get("ctx"), token));
    },
  )
  .openapi(
    route("public", {
      method: "post",
      path: "/auth/logout",
      tags,
      summary: "Ends the session of a refresh token (body or cookie)",
      middleware: [limitedPerAddress("refreshPerIp")],
      request: jsonBody(refreshBody),
      responses: { 204: { description: "Signed out" }, ...failures },
    }),
    async (c) => {
      const token = c.req.valid("json").refreshToken ?? getCookie(c, refreshCookie);
      if (token) await auth.logout(c.get("ctx"), token);
      forgetSession(c);
      return c.body(null, 204);
    },
  )
  .openapi(
    route("signedIn", {
      method: "post",
      path: "/auth/logout-all",
      tags,
      summary: "Signs out everywhere: every refresh and access token of mine stops working at once",
      responses: { 204: { description: "Signed out on every device" }, ...errorResponses },
    }),
    async (c) => {
      await auth.logoutEverywhere(actorOf(c));
      forgetSession(c);
      return c.body(null, 204);
    },
  )
  .openapi(
    route("public", {
      method: "post",
      path: "/auth/password/forgot",
      tags,
      summary: "Sends a password reset code",
      request: jsonBody(forgotBody),
      responses: { ...accepted, ...failures },
    }),
    async (c) => {
      await auth.requestCode(forClient(c), { username: c.req.valid("json").username, purpose: "reset" });
      return c.body(null, 202);
    },
  )
  .openapi(
    route("public", {
      method: "post",
      path: "/auth/password/reset",
      tags,
      summary: "Sets a new password with a reset code; signs out every session",
      request: jsonBody(resetBody),
      responses: { 204: { description: "Password changed" }, ...failures },
    }),
    async (c) => {
      await auth.resetPassword(forClient(c), c.req.valid("json"));
      return c.body(null, 204);
    },
  );
