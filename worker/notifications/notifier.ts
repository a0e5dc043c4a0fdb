import type { Redis } from "@upstash/redis/cloudflare";
import { DevelopmentNotifier } from "./development.ts";
import type { Notifier } from "./message.ts";
import { ResendEmail } from "./resend.ts";
import { TwilioSms } from "./twilio.ts";

export interface NotifierConfig {
  ENVIRONMENT: string;
  /** `development` (console + dev outbox) or `providers` (Resend for email, Twilio for SMS). */
  NOTIFIER: string;
  RESEND_API_KEY?: string;
  EMAIL_FROM?: string;
  TWILIO_ACCOUNT_SID?: string;
  TWILIO_AUTH_TOKEN?: string;
  TWILIO_FROM?: string;
}

export function createNotifier(config: NotifierConfig, redis: Redis, fetcher: typeof fetch = fetch): Notifier {
  if (config.NOTIFIER === "development") {
    if (config.ENVIRONMENT !== "development") throw new Error("the development notifier only runs in development");
    return new DevelopmentNotifier(redis);
  }
  const email = new ResendEmail({ apiKey: config.RESEND_API_KEY ?? "", from: config.EMAIL_FROM ?? "" }, fetcher);
  const sms = new TwilioSms(
    {
      accountSid: config.TWILIO_ACCOUNT_SID ?? "",
      authToken: config.TWILIO_AUTH_TOKEN ?? "",
      from: config.TWILIO_FROM ?? "",
    },
    fetcher,
  );
  return { send: (message) => (message.channel === "email" ? email.send(message) : sms.send(message)) };
}
