import type { Redis } from "@upstash/redis/cloudflare";
import { z } from "zod";
import { timingSafeEqual } from "../lib/password.ts";
import { hmacHex } from "../lib/tokens.ts";
import type { GatewayResult, PaymentGateway, PaymentRequest, StartedPayment } from "./gateway.ts";
import { RejectedCallback } from "./gateway.ts";

export const sandboxToleranceSeconds = 300;

const sandboxCallback = z.object({
  authority: z.string().max(100),
  outcome: z.enum(["success", "failure"]),
  amount: z.number().int().positive(),
  currency: z.string().length(3),
  transactionId: z.string().min(1).max(100),
  cardLast4: z.string().regex(/^\d{4}$/),
  nonce: z.string().min(16).max(64),
  timestamp: z.number().int(),
});

export type SandboxCallback = z.infer<typeof sandboxCallback>;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const random = (bytes: number) =>
  [...crypto.getRandomValues(new Uint8Array(bytes))].map((b) => b.toString(16).padStart(2, "0")).join("");

/**
 * The stand-in bank of local development: a payment page with outcome buttons, and callbacks
 * signed with HMAC-SHA256 over `timestamp.body`, carrying a nonce against replays.
 */
export class SandboxGateway implements PaymentGateway {
  readonly name = "sandbox";
  constructor(private readonly secret: string) {}

  async start(request: PaymentRequest): Promise<StartedPayment> {
    const authority = `SBX-${random(12)}`;
    // The bank's page takes money until the order's reservation runs out, and not after.
    return {
      authority,
      redirectUrl: `${request.origin}/api/v1/sandbox/pay/${authority}`,
      expiresAt: request.reservedUntil,
    };
  }

  async refund(): Promise<void> {
    // The sandbox bank returns money instantly.
  }

  async expire(): Promise<void> {
    // The bank reads the payment's status and expiry from the shop: nothing to tell it.
  }

  /** What the bank sends to the shop when the shopper presses a button. */
  async signCallback(
    callback: Omit<SandboxCallback, "nonce" | "timestamp" | "transactionId" | "cardLast4">,
    now = Date.now(),
  ) {
    const body = JSON.stringify({
      ...callback,
      transactionId: `SBXT-${random(10)}`,
      cardLast4: "4242",
      nonce: random(16),
      timestamp: Math.floor(now / 1000),
    } satisfies SandboxCallback);
    return { body, signature: await this.signature(body) };
  }

  async signature(body: string): Promise<string> {
    return hmacHex(this.secret, body);
  }

  /** Verifies signature, shape, age and novelty of a callback; throws `RejectedCallback` otherwise. */
  async verify(rawBody: string, headers: Headers, redis: Redis, now = Date.now()): Promise<GatewayResult> {
    const signature = headers.get("x-sandbox-signature");
    const expected = new TextEncoder().encode(await this.signature(rawBody));
    if (!signature || !timingSafeEqual(new TextEncoder().encode(signature), expected)) {
      throw new RejectedCallback("bad_signature");
    }
    const parsed = sandboxCallback.safeParse(parseJson(rawBody));
    if (!parsed.success) throw new RejectedCallback("malformed");
    const payload = parsed.data;
    if (Math.abs(now / 1000 - payload.timestamp) > sandboxToleranceSeconds) throw new RejectedCallback("stale");
    const fresh = await redis.set(`sandbox:nonce:${payload.nonce}`, "1", { nx: true, ex: 2 * sandboxToleranceSeconds });
    if (fresh === null) throw new RejectedCallback("replayed");
    return {
      eventId: payload.transactionId,
      authority: payload.authority,
      outcome: payload.outcome,
      failureReason: payload.outcome === "failure" ? "The bank declined the card." : null,
      amount: payload.amount,
      currency: payload.currency,
      transactionId: payload.outcome === "success" ? payload.transactionId : null,
      cardLast4: payload.cardLast4,
      cardHash: await hmacHex(this.secret, `card:${payload.cardLast4}`),
    };
  }
}
