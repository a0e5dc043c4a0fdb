import { For, Show } from "solid-js";
import { formatMoney } from "../../lib/money.ts";
import { formatDateTime } from "../lib/orders.ts";
import type { Payment } from "../lib/types.ts";

const paymentLabels: Record<Payment["status"], string> = {
  pending: "Started, not paid",
  succeeded: "Paid",
  failed: "Failed",
  refund_pending: "Refund due",
  refunded: "Refunded",
  expired: "Closed, not paid",
};
const gatewayLabels: Record<Payment["gateway"], string> = { sandbox: "Sandbox bank", stripe: "Stripe" };

/** Why and how a payment's money goes back: the reason, each attempt, and when the next one runs. */
function RefundTerms(props: { refund: NonNullable<Payment["refund"]> }) {
  return (
    <>
      <Show when={props.refund.reason}>
        {(reason) => (
          <div>
            <dt>Refund because</dt>
            <dd>{reason()}</dd>
          </div>
        )}
      </Show>
      <div>
        <dt>Refund attempts</dt>
        <dd data-testid="refund-attempts">{props.refund.attempts}</dd>
      </div>
      <Show when={props.refund.lastError}>
        {(error) => (
          <div>
            <dt>Last attempt failed</dt>
            <dd>
              <code>{error()}</code>
            </dd>
          </div>
        )}
      </Show>
      <Show when={props.refund.nextAttemptAt}>
        {(at) => (
          <div>
            <dt>Next attempt</dt>
            <dd>{formatDateTime(at())}</dd>
          </div>
        )}
      </Show>
      <Show when={props.refund.refundedAt}>
        {(at) => (
          <div>
            <dt>Refunded</dt>
            <dd>{formatDateTime(at())}</dd>
          </div>
        )}
      </Show>
    </>
  );
}

export function OrderPayments(props: {
  payments: Payment[];
  busy: boolean;
  onRetryRefund: (paymentId: string) => void;
}) {
  return (
    <section class="a-panel" aria-labelledby="payments-heading">
      <h2 id="payments-heading">Payments</h2>
      <Show when={props.payments.length > 0} fallback={<p class="muted">No payment was started yet.</p>}>
        <ol class="a-cards" data-testid="payments">
          <For each={props.payments}>
            {(payment) => (
              <li class="a-card">
                <div class="a-card-head">
                  <strong>{gatewayLabels[payment.gateway]}</strong>
                  <span class={payment.status === "succeeded" ? "badge" : "badge out"}>
                    {paymentLabels[payment.status]}
                  </span>
                  <span>{formatMoney(payment.amount, payment.currency)}</span>
                </div>
                <dl class="a-terms">
                  <div>
                    <dt>Started</dt>
                    <dd>{formatDateTime(payment.createdAt)}</dd>
                  </div>
                  <Show when={payment.paidAt}>
                    {(at) => (
                      <div>
                        <dt>Paid</dt>
                        <dd>{formatDateTime(at())}</dd>
                      </div>
                    )}
                  </Show>
                  <Show when={payment.cardLast4}>
                    {(last4) => (
                      <div>
                        <dt>Card</dt>
                        <dd>•••• {last4()}</dd>
                      </div>
                    )}
                  </Show>
                  <Show when={payment.transactionId}>
                    {(id) => (
                      <div>
                        <dt>Transaction</dt>
                        <dd>
                          <code>{id()}</code>
                        </dd>
                      </div>
                    )}
                  </Show>
                  <div>
                    <dt>Reference</dt>
                    <dd>
                      <code>{payment.authority}</code>
                    </dd>
                  </div>
                  <Show when={payment.refund}>{(refund) => <RefundTerms refund={refund()} />}</Show>
                </dl>
                <Show when={payment.status === "refund_pending"}>
                  <button
                    type="button"
                    class="button secondary"
                    disabled={props.busy}
                    onClick={() => props.onRetryRefund(payment.id)}
                  >
                    Try the refund again now
                  </button>
                </Show>
                <Show when={payment.history.length > 0}>
                  <details>
                    <summary>What the gateway reported ({payment.history.length})</summary>
                    <ol class="a-timeline">
                      <For each={payment.history}>
                        {(event) => (
                          <li>
                            <strong>{event.outcome}</strong>
                            <span class="muted"> {formatDateTime(event.at)}</span>
                            <Show when={event.reason}>
                              <p class="a-note">{event.reason}</p>
                            </Show>
                            <Show when={event.eventId}>
                              <p class="a-note">
                                Event <code>{event.eventId}</code>
                              </p>
                            </Show>
                          </li>
                        )}
                      </For>
                    </ol>
                  </details>
                </Show>
              </li>
            )}
          </For>
        </ol>
      </Show>
    </section>
  );
}
