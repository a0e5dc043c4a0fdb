import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env.ts";
import { createRouter } from "../lib/create-router.ts";
import { AppError, errorSchema } from "../lib/errors.ts";
import { conflict, errorResponses, jsonBody, jsonContent, notFound } from "../lib/openapi.ts";
import { clientIp, route } from "../middleware/access.ts";
import { limitedPerAddress } from "../middleware/rate-limits.ts";
import { sandboxPage, sandboxScript } from "../payments/sandbox-page.ts";
import {
  callbackAckSchema,
  redirectSchema,
  sandboxAuthorityParam,
  sandboxCallbackHeaders,
  sandboxOutcomeBody,
  stripeWebhookHeaders,
} from "../schemas/payments.ts";
import { receiveCallback, sandboxPay, sandboxPayment } from "../services/payments.service.ts";

const sandboxOnly = createMiddleware<AppEnv>(async (c, next) => {
  if (c.get("ctx").config.paymentGateway !== "sandbox")
    throw new AppError("not_found", `No route for ${c.req.method} ${c.req.path}.`);
  await next();
});
const rejected = {
  400: jsonContent(errorSchema, "Malformed, tampered, stale, replayed or mismatched; recorded"),
  429: jsonContent(errorSchema, "Too many messages from this address (see Retry-After)"),
};
const bank = ["Sandbox bank"];

export const paymentsRouter = createRouter()
  .openapi(
    route("public", {
      method: "post",
      path: "/payments/sandbox/callback",
      tags: ["Payments"],
      summary: "The sandbox bank's signed callback (HMAC over the body, timestamp, nonce)",
      middleware: [sandboxOnly, limitedPerAddress("gatewayPerIp")],
      request: { headers: sandboxCallbackHeaders },
      responses: { 200: jsonContent(callbackAckSchema, "Recorded"), ...rejected },
    }),
    async (c) =>
      c.json(await receiveCallback(c.get("ctx"), "sandbox", await c.req.text(), c.req.raw.headers, clientIp(c)), 200),
  )
  .openapi(
    route("public", {
      method: "post",
      path: "/payments/stripe/webhook",
      tags: ["Payments"],
      summary: "Stripe webhooks, verified over the raw body with a 300 s tolerance",
      middleware: [limitedPerAddress("gatewayPerIp")],
      request: { headers: stripeWebhookHeaders },
      responses: { 200: jsonContent(callbackAckSchema, "Recorded"), ...rejected },
    }),
    async (c) =>
      c.json(await receiveCallback(c.get("ctx"), "stripe", await c.req.text(), c.req.raw.headers, clientIp(c)), 200),
  )
  .openapi(
    route("public", {
      method: "get",
      path: "/sandbox/pay/{authority}",
      tags: bank,
      summary: "The sandbox bank's payment page",
      middleware: [sandboxOnly],
      request: { params: sandboxAuthorityParam },
      responses: {
        200: { content: { "text/html": { schema: { type: "string" } } }, description: "The page" },
        ...notFound,
        ...errorResponses,
      },
    }),
    async (c) => {
      const payment = await sandboxPayment(c.get("ctx"), c.req.valid("param").authority);
      c.header("Cache-Control", "no-store");
      return c.html(sandboxPage(payment), 200);
    },
  )
  .openapi(
    route("public", {
      method: "get",
      path: "/sandbox/bank.js",
      tags: bank,
      summary: "The script of the sandbox bank's payment page",
      middleware: [sandboxOnly],
      responses: {
        200: { content: { "text/javascript": { schema: { type: "string" } } }, description: "The script" },
        ...notFound,
      },
    }),
    (c) => c.body(sandboxScript, 200, { "content-type": "text/javascript; charset=utf-8" }),
  )
  .openapi(
    route("public", {
      method: "post",
      path: "/sandbox/pay/{authority}",
      tags: bank,
      summary: "The sandbox bank's buttons: delivers a signed callback, then sends the shopper back",
      middleware: [sandboxOnly],
      request: { params: sandboxAuthorityParam, ...jsonBody(sandboxOutcomeBody) },
      responses: {
        200: jsonContent(redirectSchema, "Where the shopper goes next"),
        ...notFound,
        ...conflict("invalid_transition: the payment is settled already; details.redirectUrl says where to go"),
        ...errorResponses,
      },
    }),
    async (c) => {
      // The bank calls the shop's callback endpoint over the shop's own router, as a real gateway would.
      const deliver = (body: string, signature: string) =>
        c.get("deliver")(
          new Request(new URL("/api/v1/payments/sandbox/callback", c.req.url), {
            method: "POST",
            headers: { "content-type": "application/json", "x-sandbox-signature": signature },
            body,
          }),
        );
      const { authority } = c.req.valid("param");
      return c.json(await sandboxPay(c.get("ctx"), authority, c.req.valid("json").outcome, deliver), 200);
    },
  );
