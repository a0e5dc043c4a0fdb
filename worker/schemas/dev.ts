import { z } from "@hono/zod-openapi";
import { otpPurposes } from "./auth.ts";

export const outboxQuery = z.object({ to: z.string().min(3).max(254) });
export const outboxSchema = z
  .object({
    items: z.array(
      z.object({
        to: z.string(),
        channel: z.enum(["email", "sms"]),
        purpose: z.enum([...otpPurposes, "account_exists", "order_link"]),
        code: z.string().nullable(),
        text: z.string(),
        sentAt: z.string(),
      }),
    ),
  })
  .openapi("Outbox");
