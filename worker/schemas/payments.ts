import { z } from "@hono/zod-openapi";

export const callbackAckSchema = z
  .object({ received: z.literal(true), result: z.enum(["paid", "failed", "duplicate", "refund_due", "ignored"]) })
  .openapi("CallbackAck");

export const sandboxCallbackHeaders = z.object({ "x-sandbox-signature": z.string().optional() });
export const stripeWebhookHeaders = z.object({ "stripe-signature": z.string().optional() });

export const sandboxAuthorityParam = z.object({ authority: z.string().regex(/^SBX-[0-9a-f]{24}$/) });
export const sandboxOutcomeBody = z.object({ outcome: z.enum(["success", "failure"]) });
export const redirectSchema = z.object({ redirectUrl: z.string() }).openapi("Redirect");
