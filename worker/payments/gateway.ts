import type { Redis } from "@upstash/redis/cloudflare";

/** What a payment gateway reported about one payment, once its message was verified. */
export interface GatewayResult {
  /** The gateway's id of this message or transaction; a result is applied once per id. */
  eventId: string;
  authority: string;
  outcome: "success" | "failure";
  /** Why a failure failed, in words for the shopper, as far as the gateway says (null on success). */
  failureReason: string | null;
  amount: number;
  currency: string;
  transactionId: string | null;
  cardLast4: string | null;
  cardHash: string | null;
}

export interface StartedPayment {
  authority: string;
  redirectUrl: string;
  /** When the gateway stops taking money for it. */
  expiresAt: Date;
}

export interface PaymentRequest {
  paymentId: string;
  orderId: string;
  amount: number;
  currency: string;
  /** The shop's origin, for the pages the shopper returns to. */
  origin: string;
  /** When the order's reservation runs out: the session should not take money after it. */
  reservedUntil: Date;
}

/** A payment whose money goes back, named by the shop's payment id and attempt (the refund's idempotency key). */
export interface RefundRequest {
  paymentId: string;
  /** Which attempt this is: a gateway remembers a key's first answer, errors included, so each attempt has its own. */
  attempt: number;
  authority: string;
  authorizedKey: string | null;
  amount: number;
}

export interface PaymentGateway {
  readonly name: "sandbox" | "stripe";
  start(request: PaymentRequest): Promise<StartedPayment>;
  /**
   * Gives the whole amount back. An attempt after one whose answer was lost refunds nothing twice: a
   * payment refunded already is answered as done.
   */
  refund(payment: RefundRequest): Promise<void>;
  /** Closes an open session so it takes no money (one already completed is left to its callback). */
  expire(authority: string): Promise<void>;
  /**
   * Verifies a callback as received (raw body and headers); throws `RejectedCallback` when it fails,
   * answers null for a message the shop does not act on. Redis holds what replay checks remember.
   */
  verify(rawBody: string, headers: Headers, redis: Redis): Promise<GatewayResult | null>;
}

/** A gateway message that failed verification (signature, age, replay, shape): answered 400 and recorded. */
export class RejectedCallback extends Error {
  constructor(readonly reason: "bad_signature" | "stale" | "replayed" | "malformed") {
    super(`callback rejected: ${reason}`);
  }
}
