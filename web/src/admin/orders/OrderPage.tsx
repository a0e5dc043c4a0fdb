import { A, useParams } from "@solidjs/router";
import { createSignal, For, Show } from "solid-js";
import { ApiError, read } from "../../lib/http.ts";
import { formatMoney } from "../../lib/money.ts";
import { api } from "../../lib/session.ts";
import { ConfirmButton, FormStatus } from "../components/Feedback.tsx";
import { InputField } from "../components/Fields.tsx";
import { LiveBadge } from "../components/LiveBadge.tsx";
import { Async, NotFound } from "../components/State.tsx";
import { StatusBadge } from "../components/StatusBadge.tsx";
import { createLoader } from "../lib/data.ts";
import { FormInvalid, isConflict } from "../lib/errors.ts";
import { createForm } from "../lib/form.ts";
import { onDashboard } from "../lib/live.ts";
import { actorLabels, formatDateTime, refundable, shortId, staffMoves, statusLabels } from "../lib/orders.ts";
import { pageTitle } from "../lib/role.ts";
import type { LiveOrder, MovedOrder, OrderDetail, Payment } from "../lib/types.ts";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One order as staff see it: its customer, and its payment attempts with what their gateway reported. */
async function findOrder(id: string): Promise<OrderDetail> {
  if (!uuid.test(id)) throw new ApiError(404, "not_found", "No such order.");
  return read(api.admin.orders[":id"].$get({ param: { id } }));
}

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

function Payments(props: { payments: Payment[]; busy: boolean; onRetryRefund: (paymentId: string) => void }) {
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

export default function OrderPage() {
  const params = useParams<{ id: string }>();
  pageTitle(`Order ${shortId(params.id)}`);
  const order = createLoader(
    () => findOrder(params.id),
    () => params.id,
  );
  const [liveAt, setLiveAt] = createSignal<string | null>(null);
  const form = createForm();

  const [note, setNote] = createSignal("");
  /**
   * A fresher copy of the order (a move's answer, a live update) shows at once; its payments, which
   * such copies do not carry, are read again right after.
   */
  const adopt = (next: MovedOrder | LiveOrder) => {
    const current = order.value();
    if (current) order.set({ ...current, ...next });
    void order.reload();
  };

  onDashboard((message) => {
    if (message.type === "order" && message.order.id === params.id && order.value()) {
      adopt(message.order);
      setLiveAt(new Date().toLocaleTimeString("en-US"));
    }
  });

  const move = (to: "processing" | "shipped" | "delivered") =>
    form.run(async () => {
      try {
        adopt(await read(api.admin.orders[":id"].status.$post({ param: { id: params.id }, json: { status: to } })));
        return `The order is now ${statusLabels[to].toLowerCase()}.`;
      } catch (failure) {
        if (isConflict(failure)) void order.reload();
        throw failure;
      }
    });

  const refund = () =>
    form.run(async () => {
      try {
        adopt(await read(api.admin.orders[":id"].refund.$post({ param: { id: params.id } })));
        return "The order is refunded; its stock is back on sale.";
      } catch (failure) {
        if (isConflict(failure)) void order.reload();
        throw failure;
      }
    });

  const retryRefund = (paymentId: string) =>
    form.run(async () => {
      const detail = await read(
        api.admin.orders[":id"].payments[":paymentId"].refund.$post({ param: { id: params.id, paymentId } }),
      );
      order.set(detail);
      const payment = detail.payments.find((p) => p.id === paymentId);
      if (payment?.status !== "refunded") {
        throw new FormInvalid(
          {},
          `The gateway refused the refund again (${payment?.refund?.lastError ?? "no reason given"}); it is tried again by itself.`,
        );
      }
      return `${formatMoney(payment.amount, payment.currency)} went back to the customer.`;
    });

  const cancel = () =>
    form.run(async () => {
      try {
        const text = note().trim();
        adopt(
          await read(
            api.admin.orders[":id"].cancel.$post({ param: { id: params.id }, json: text ? { note: text } : {} }),
          ),
        );
        return "The order is canceled: its stock and coupon use are back.";
      } catch (failure) {
        if (isConflict(failure)) void order.reload();
        throw failure;
      }
    });

  return (
    <section>
      <p class="a-crumbs">
        <A href="/admin/orders">Orders</A>
      </p>
      <Async
        loader={order}
        what="the order"
        notFound={<NotFound what="Order" back="/admin/orders" backLabel="Back to the orders" />}
      >
        {(o) => {
          const currency = () => o().currency;
          const money = (minor: number) => formatMoney(minor, currency());
          const next = () => staffMoves[o().status];
          return (
            <>
              <div class="a-title">
                <h1>Order {shortId(o().id)}</h1>
                <StatusBadge status={o().status} testid="admin-order-status" />
                <LiveBadge />
              </div>
              <p class="muted">
                Placed {formatDateTime(o().createdAt)} by{" "}
                <Show when={o().username} fallback="a customer">
                  <A href={`/admin/customers?q=${encodeURIComponent(o().username)}`}>{o().username}</A>
                </Show>{" "}
                (<A href={`/admin/orders?userId=${o().userId}`}>their orders</A>) · <code>{o().id}</code>
                <Show when={liveAt()}>
                  <span role="status"> · updated live at {liveAt()}</span>
                </Show>
              </p>

              <div class="a-actions" data-testid="order-actions">
                <Show when={next()}>
                  {(step) => (
                    <button type="button" class="button" disabled={form.busy()} onClick={() => void move(step().to)}>
                      {step().label}
                    </button>
                  )}
                </Show>
                <Show when={refundable.includes(o().status)}>
                  <ConfirmButton
                    label="Refund"
                    question={`Refund ${money(o().total)} to the customer and restock the items?`}
                    confirmLabel="Refund the order"
                    danger
                    disabled={form.busy()}
                    onConfirm={refund}
                  />
                </Show>
                <Show when={o().status === "pending_payment"}>
                  <p class="muted a-full">
                    Waiting for the customer to pay until {formatDateTime(o().expiresAt)}; the reservation ends by
                    itself after that, or cancel it now (for instance when the customer asks).
                  </p>
                  <InputField
                    label="Note for the history"
                    value={note()}
                    onInput={setNote}
                    maxLength={500}
                    optional
                    error={form.errors().note}
                  />
                  <ConfirmButton
                    label="Cancel the order"
                    question="Cancel this order? Its stock and coupon use come back."
                    confirmLabel="Cancel the order"
                    danger
                    disabled={form.busy()}
                    onConfirm={cancel}
                  />
                </Show>
                <Show when={!next() && !refundable.includes(o().status) && o().status !== "pending_payment"}>
                  <p class="muted">Nothing more to do: the order is {statusLabels[o().status].toLowerCase()}.</p>
                </Show>
              </div>
              <FormStatus form={form} />

              <div class="a-columns">
                <section class="a-panel">
                  <h2>Items</h2>
                  <table class="a-table">
                    <thead>
                      <tr>
                        <th scope="col">Product</th>
                        <th scope="col">Variant and SKU</th>
                        <th scope="col">Unit price</th>
                        <th scope="col">Quantity</th>
                        <th scope="col">Line total</th>
                      </tr>
                    </thead>
                    <tbody>
                      <For each={o().items}>
                        {(item) => (
                          <tr>
                            <td data-label="Product">
                              <A href={`/admin/products/${item.productId}`}>{item.name}</A>
                            </td>
                            <td data-label="Variant and SKU" data-testid="item-variant">
                              {item.variantTitle} · <code>{item.sku}</code>
                            </td>
                            <td data-label="Unit price">{money(item.unitPrice)}</td>
                            <td data-label="Quantity">{item.quantity}</td>
                            <td data-label="Line total">{money(item.lineTotal)}</td>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </table>
                  <dl class="a-totals">
                    <dt>Subtotal</dt>
                    <dd>{money(o().subtotal)}</dd>
                    <dt>Discount{o().couponCode ? ` (${o().couponCode})` : ""}</dt>
                    <dd>{o().discount > 0 ? `−${money(o().discount)}` : money(0)}</dd>
                    <dt>Tax</dt>
                    <dd>{money(o().tax)}</dd>
                    <dt>Shipping</dt>
                    <dd>{money(o().shipping)}</dd>
                    <dt>Total</dt>
                    <dd>
                      <strong data-testid="admin-order-total">{money(o().total)}</strong>
                    </dd>
                  </dl>
                </section>
                <div>
                  <section class="a-panel">
                    <h2>Shipping address</h2>
                    <address class="a-address">
                      {o().shippingAddress.name}
                      <br />
                      {o().shippingAddress.line1}
                      <br />
                      {o().shippingAddress.postalCode} {o().shippingAddress.city}
                      <br />
                      {o().shippingAddress.country}
                      <Show when={o().shippingAddress.phone}>
                        <br />
                        {o().shippingAddress.phone}
                      </Show>
                    </address>
                  </section>
                  <Payments payments={o().payments} busy={form.busy()} onRetryRefund={(id) => void retryRefund(id)} />
                  <section class="a-panel">
                    <h2>History</h2>
                    <ol class="a-timeline" data-testid="order-timeline">
                      <For each={o().events}>
                        {(event) => (
                          <li>
                            <strong>{statusLabels[event.status]}</strong>
                            <span class="muted">
                              {" "}
                              {formatDateTime(event.at)} · by {actorLabels[event.actor]}
                            </span>
                            <Show when={event.note}>
                              <p class="a-note">{event.note}</p>
                            </Show>
                          </li>
                        )}
                      </For>
                    </ol>
                  </section>
                </div>
              </div>
            </>
          );
        }}
      </Async>
    </section>
  );
}
