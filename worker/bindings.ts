/** The worker's secrets, beside the bindings that `wrangler types` generates from wrangler.toml. */
interface Secrets {
  DATABASE_URL: string;
  /** Local development only: the WebSocket-to-TCP proxy in front of Postgres. */
  NEON_WS_PROXY?: string;
  UPSTASH_REDIS_REST_URL: string;
  UPSTASH_REDIS_REST_TOKEN: string;
  /** The ES256 signing key of access tokens, a private JWK, and its key id. */
  JWT_PRIVATE_JWK: string;
  JWT_KEY_ID: string;
  /** Public JWKs (with `kid`) of retired signing keys whose tokens may still be live. */
  JWT_PREVIOUS_PUBLIC_JWKS?: string;
  /** Keys the HMAC under which one-time codes are stored. */
  OTP_SECRET: string;
  SANDBOX_GATEWAY_SECRET?: string;
  STRIPE_SECRET_KEY?: string;
  STRIPE_WEBHOOK_SECRET?: string;
  RESEND_API_KEY?: string;
  TWILIO_ACCOUNT_SID?: string;
  TWILIO_AUTH_TOKEN?: string;
}

declare global {
  namespace Cloudflare {
    interface Env extends Secrets {}
  }
  interface Env extends Secrets {}
}

export type Bindings = Cloudflare.Env;
