import Stripe from "stripe";
import type { GatewayResult, PaymentGateway, PaymentRequest, RefundRequest, StartedPayment } from "./gateway.ts";
import { RejectedCallback } from "./gateway.ts";

export const stripeToleranceSeconds = 300;
/** Stripe keeps a Checkout Session open at least this long (its `expires_at` must be 30 min to 24 h ahead). */
export const stripeShortestSessionSeconds = 31 * 60;

/** Stripe Checkout through the official SDK on its fetch client; webhooks verified over the raw body. */
export class StripeGateway implements PaymentGateway {
  readonly name = "stripe";
  private readonly stripe: Stripe;

  constructor(
    secretKey: string,
    private readonly webhookSecret: string,
    options: { host?: string; port?: number; protocol?: "http" | "https"; fetcher?: typeof fetch } = {},
  ) {
    const { fetcher, ...connection } = options;
    // Verifying webhooks needs only the webhook secret; API calls without a key fail at Stripe with 401.
    this.stripe = new Stripe(secretKey || "sk_not_configured", {
      httpClient: Stripe.createFetchHttpClient(fetcher),
      maxNetworkRetries: 1,
      ...connection,
    });
  }

  /**
   * A Checkout Session that closes with the order's reservation, or as soon after it as Stripe allows
   * (30 minutes at the least); the shop expires it itself when the reservation ends first.
   */
  async start(request: PaymentRequest): Promise<StartedPayment> {
    const shortest = Math.ceil(Date.now() / 1000) + stripeShortestSessionSeconds;
    const expiresAt = Math.max(Math.ceil(request.reservedUntil.getTime() / 1000), shortest);
    const session = await this.stripe.checkout.sessions.create(
      {
        mode: "payment",
        expires_at: expiresAt,
        client_reference_id: request.orderId,
        metadata: { orderId: request.orderId, paymentId: request.paymentId },
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: request.currency.toLowerCase(),
              unit_amount: request.amount,
              product_data: { name: `Royal Shop order ${request.orderId.slice(0, 8)}` },
            },
          },
        ],
        success_url: `${request.origin}/orders/${request.orderId}?paid=1`,
        cancel_url: `${request.origin}/orders/${request.orderId}`,
      },
      { idempotencyKey: `payment-${request.paymentId}` },
    );
    if (!session.url) throw new Error("Stripe returned a session without a URL");
    return { authority: session.id, redirectUrl: session.url, expiresAt: new Date(expiresAt * 1000) };
  }

  async refund(payment: RefundRequest): Promise<void> {
    if (!payment.authorizedKey) throw new Error("no payment intent to refund");
    try {
      await this.stripe.refunds.create(
        { payment_intent: payment.authorizedKey, amount: payment.amount },
        { idempotencyKey: `refund-${payment.paymentId}-${payment.attempt}` },
      );
    } catch (error) {
      // Refunded already (an earlier attempt whose answer was lost, past the key's 24 hours): done.
      if ((error as { code?: string }).code === "charge_already_refunded") return;
      throw error;
    }
  }

  async expire(authority: string): Promise<void> {
    try {
      await this.stripe.checkout.sessions.expire(authority);
    } catch (error) {
      // Completed or expired already: a completed one's payment arrives by webhook and is refunded then.
      if ((error as { type?: string }).type === "StripeInvalidRequestError") return;
      throw error;
    }
  }

  /** Verifies a webhook (signature, 300 s tolerance) and reads the Checkout events the shop acts on. */
  async verify(rawBody: string, headers: Headers): Promise<GatewayResult | null> {
    const signature = headers.get("stripe-signature");
    let event: Stripe.Event;
    try {
      event = await this.stripe.webhooks.constructEventAsync(
        rawBody,
        signature ?? "",
        this.webhookSecret,
        stripeToleranceSeconds,
        Stripe.createSubtleCryptoProvider(),
      );
    } catch (error) {
      const stale = error instanceof Error && /timestamp outside the tolerance/i.test(error.message);
      throw new RejectedCallback(stale ? "stale" : "bad_signature");
    }
    const succeeded =
      event.type === "checkout.session.completed" || event.type === "checkout.session.async_payment_succeeded";
    const failed = event.type === "checkout.session.async_payment_failed" || event.type === "checkout.session.expired";
    if (!succeeded && !failed) return null;
    const session = event.data.object as Stripe.Checkout.Session;
    if (succeeded && session.payment_status !== "paid") return null;
    const intent =
      typeof session.payment_intent === "string" ? session.payment_intent : (session.payment_intent?.id ?? null);
    return {
      eventId: event.id,
      authority: session.id,
      outcome: succeeded ? "success" : "failure",
      failureReason: succeeded
        ? null
        : event.type === "checkout.session.expired"
          ? "The payment page closed before the payment was made."
          : "The bank did not complete the payment.",
      amount: session.amount_total ?? -1,
      currency: (session.currency ?? "").toUpperCase(),
      transactionId: succeeded ? intent : null,
      cardLast4: null,
      cardHash: null,
    };
  }

  /** A signature header as Stripe would send it (for tests and local replays). */
  signForTest(payload: string, timestamp?: number): Promise<string> {
    return this.stripe.webhooks.generateTestHeaderStringAsync({
      payload,
      secret: this.webhookSecret,
      timestamp,
      cryptoProvider: Stripe.createSubtleCryptoProvider(),
    });
  }
}
