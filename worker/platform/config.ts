import type { Bindings } from "../bindings.ts";
import type { SigningConfig } from "../lib/tokens.ts";

/** The shop's settings, typed once from the bindings, for every service. */
export interface ShopConfig {
  environment: string;
  currency: string;
  reservationMinutes: number;
  /** Where national phone numbers are read (ISO 3166-1 alpha-2). */
  phoneRegion: string;
  paymentGateway: "sandbox" | "stripe";
  otpSecret: string;
  signing: SigningConfig;
  /** Which Redis holds the shop's shared state (what an isolate's memo of it belongs to). */
  redisUrl: string;
}

export function configOf(env: Bindings): ShopConfig {
  return {
    environment: env.ENVIRONMENT,
    currency: env.CURRENCY,
    reservationMinutes: Number(env.RESERVATION_MINUTES),
    phoneRegion: env.DEFAULT_PHONE_REGION,
    paymentGateway: env.PAYMENT_GATEWAY === "stripe" ? "stripe" : "sandbox",
    otpSecret: env.OTP_SECRET,
    signing: env,
    redisUrl: env.UPSTASH_REDIS_REST_URL,
  };
}
