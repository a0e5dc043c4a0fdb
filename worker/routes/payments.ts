import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { html } from "hono/html";
import type { AppEnv } from "../env.ts";
import { createRouter } from "../lib/create-router.ts";
import { AppError, errorSchema } from "../lib/errors.ts";
import { errorResponses, jsonContent } from "../lib/openapi.ts";
import { RejectedCallback } from "../payments/gateway.ts";
import { SandboxGateway } from "../payments/sandbox.ts";
import { StripeGateway } from "../payments/stripe.ts";
import { findPaymentByAuthority } from "../repositories/payments.repository.ts";
import { applyGatewayResult, type CallbackOutcome, rejectCallback } from "../services/payments.service.ts";

const authorityParam = z.object({ authority: z.string().regex(/^SBX-[0-9a-f]{24}$/) });
const ack = jsonContent(z.object({ received: z.literal(true), result: z.string() }), "Recorded");

const sandboxOnly = createMiddleware<AppEnv>(async (c, next) => {
  if (c.env.PAYMENT_GATEWAY !== "sandbox")
    throw new AppError("not_found", `No route for ${c.req.method} ${c.req.path}.`);
  await next();
});
const sandbox = (c: Context<AppEnv>) => new SandboxGateway(c.env.SANDBOX_GATEWAY_SECRET ?? "");

/** Verifies and applies one callback; rejected messages are recorded, then answered 400. */
async function receive(
  c: Context<AppEnv>,
  gateway: "sandbox" | "stripe",
  raw: string,
  verify: () => Promise<Parameters<typeof applyGatewayResult>[2] | null>,
) {
  const { db } = c.get("services");
  let outcome: CallbackOutcome;
  try {
    const result = await verify();
    if (!result) return { received: true as const, result: "ignored" };
    outcome = await applyGatewayResult(db, gateway, result, raw);
    if (outcome.orderId && (outcome.status === "paid" || outcome.status === "refund_due")) {
      c.get("services").live.orders([outcome.orderId]);
    }
  } catch (error) {
    if (error instanceof RejectedCallback) return rejectCallback(db, gateway, error, raw);
    throw error;
  }
  return { received: true as const, result: outcome.status };
}

export const paymentsRouter = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/payments/sandbox/callback",
      tags: ["Payments"],
      summary: "The sandbox bank's signed callback (HMAC over the body, timestamp, nonce)",
      middleware: [sandboxOnly] as const,
      request: { headers: z.object({ "x-sandbox-signature": z.string().optional() }) },
      responses: { 200: ack, 400: jsonContent(errorSchema, "Tampered, stale, replayed or mismatched; recorded") },
    }),
    async (c) => {
      const raw = await c.req.text();
      const body = await receive(c, "sandbox", raw, () =>
        sandbox(c).verify(raw, c.req.valid("header")["x-sandbox-signature"], c.get("services").redis),
      );
      return c.json(body, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/payments/stripe/webhook",
      tags: ["Payments"],
      summary: "Stripe webhooks, verified over the raw body with a 300 s tolerance",
      request: { headers: z.object({ "stripe-signature": z.string().optional() }) },
      responses: { 200: ack, 400: jsonContent(errorSchema, "Bad signature or stale; recorded") },
    }),
    async (c) => {
      const raw = await c.req.text();
      const stripe = new StripeGateway(c.env.STRIPE_SECRET_KEY ?? "", c.env.STRIPE_WEBHOOK_SECRET ?? "");
      const body = await receive(c, "stripe", raw, () => stripe.verify(raw, c.req.valid("header")["stripe-signature"]));
      return c.json(body, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/sandbox/pay/{authority}",
      tags: ["Sandbox bank"],
      summary: "The sandbox bank's buttons: delivers a signed callback, then sends the shopper back",
      middleware: [sandboxOnly] as const,
      request: {
        params: authorityParam,
        body: {
          required: true,
          content: { "application/json": { schema: z.object({ outcome: z.enum(["success", "failure"]) }) } },
        },
      },
      responses: {
        200: jsonContent(z.object({ redirectUrl: z.string() }), "Where the shopper goes next"),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { db } = c.get("services");
      const { authority } = c.req.valid("param");
      const payment = await findPaymentByAuthority(db, "sandbox", authority);
      if (!payment) throw new AppError("not_found", "No such payment at the sandbox bank.");
      const bank = sandbox(c);
      const signed = await bank.signCallback({
        authority,
        outcome: c.req.valid("json").outcome,
        amount: payment.amount,
        currency: payment.currency,
      });
      // The bank calls the shop's callback endpoint, exactly as a real gateway would.
      const delivered = await c.get("deliver")(
        new Request(new URL("/api/v1/payments/sandbox/callback", c.req.url), {
          method: "POST",
          headers: { "content-type": "application/json", "x-sandbox-signature": signed.signature },
          body: signed.body,
        }),
      );
      if (!delivered.ok) throw new AppError("unavailable", "The shop did not accept the bank's callback.");
      return c.json({ redirectUrl: `/orders/${payment.order_id}` }, 200);
    },
  )
  .get("/sandbox/pay/:authority", sandboxOnly, async (c) => {
    const payment = await findPaymentByAuthority(c.get("services").db, "sandbox", c.req.param("authority"));
    if (!payment) throw new AppError("not_found", "No such payment at the sandbox bank.");
    const amount = new Intl.NumberFormat("en-US", { style: "currency", currency: payment.currency }).format(
      payment.amount / 100,
    );
    c.header("Cache-Control", "no-store");
    return c.html(html`<!doctype html>
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>Royal Sandbox Bank</title>
          <style>
            body { font-family: system-ui, sans-serif; background: #0f172a; color: #e2e8f0; display: grid; place-items: center; min-height: 100vh; margin: 0; }
            main { background: #1e293b; padding: 32px; border-radius: 16px; width: min(360px, 90vw); }
            h1 { font-size: 1.1rem; margin: 0 0 8px; } .amount { font-size: 2rem; margin: 16px 0; }
            button { width: 100%; padding: 12px; margin-top: 8px; border: 0; border-radius: 8px; font: inherit; cursor: pointer; }
            .pay { background: #22c55e; color: #052e16; } .fail { background: #334155; color: #e2e8f0; }
          </style>
        </head>
        <body>
          <main>
            <h1>Royal Sandbox Bank</h1>
            <p>A stand-in bank for local development. No real money moves.</p>
            <div class="amount" data-testid="sandbox-amount">${amount}</div>
            <button class="pay" data-outcome="success">Pay ${amount}</button>
            <button class="fail" data-outcome="failure">Decline payment</button>
          </main>
          <script>
            for (const button of document.querySelectorAll("button")) {
              button.addEventListener("click", async () => {
                const response = await fetch(location.pathname, {
                  method: "POST",
                  headers: { "content-type": "application/json" },
                  body: JSON.stringify({ outcome: button.dataset.outcome }),
                });
                const body = await response.json();
                location.href = body.redirectUrl ?? "/";
              });
            }
          </script>
        </body>
      </html>`);
  });
