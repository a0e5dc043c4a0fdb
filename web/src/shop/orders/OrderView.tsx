import { createSignal, For, type JSX, onCleanup, Show } from "solid-js";
import { FormError } from "../../components/FormError.tsx";
import type { Form } from "../../lib/form.ts";
import { formatMoney } from "../../lib/money.ts";
import { LineName } from "../cart/LineName.tsx";
import { variantLabel } from "../product/variants.ts";
import { OrderNext } from "./OrderNext.tsx";
import { OrderTotals } from "./OrderTotals.tsx";
import { type Order, statusLabels } from "./orders.ts";

function Countdown(props: { until: string }) {
  const [now, setNow] = createSignal(Date.now());
  const timer = setInterval(() => setNow(Date.now()), 1_000);
  onCleanup(() => clearInterval(timer));
  const left = () => Math.max(0, Date.parse(props.until) - now());
  const text = () => `${Math.floor(left() / 60_000)}:${String(Math.floor((left() % 60_000) / 1_000)).padStart(2, "0")}`;
  return <span data-testid="reservation-countdown">{text()}</span>;
}

/**
 * One order as its shopper (or the guest with its link) sees it: its status, the reservation's
 * countdown with pay and cancel while it waits for payment, its lines, its money and its progress.
 */
export function OrderView(props: {
  order: Order;
  form: Form;
  onPay: () => void;
  onCancel: () => void;
  before?: JSX.Element;
  after?: JSX.Element;
}) {
  const o = () => props.order;
  /** Why the latest payment attempt failed, when it did (a closed page counts: nothing was paid). */
  const declined = () => {
    const last = o().lastPayment;
    if (last?.status === "failed") return last.failureReason ?? "The bank did not take the payment.";
    return undefined;
  };
  return (
    <section class="narrow wide">
      {props.before}
      <h1>Order #{o().number}</h1>
      <p class={`status status-${o().status}`} data-testid="order-status">
        {statusLabels[o().status]}
      </p>
      <Show when={o().status === "pending_payment"}>
        <Show when={declined()}>
          {(reason) => (
            <div class="notice notice-error" role="alert" data-testid="payment-failed">
              <p>
                <strong>Your payment did not go through.</strong> {reason()}
              </p>
              <p>Nothing was charged. Your items are still reserved: you can pay again.</p>
            </div>
          )}
        </Show>
        <p>
          Your items are reserved for <Countdown until={o().expiresAt} />. Pay before then to keep them.
        </p>
        <div class="actions">
          <button type="button" class="button" onClick={props.onPay} disabled={props.form.busy()}>
            {declined() ? "Pay again" : "Pay"} {formatMoney(o().total, o().currency)}
          </button>
          <button type="button" class="button secondary" onClick={props.onCancel} disabled={props.form.busy()}>
            Cancel order
          </button>
        </div>
      </Show>
      <FormError error={props.form.error()} />
      <OrderNext order={o()} />
      <h2>Items</h2>
      <ul class="cart-lines">
        <For each={o().items}>
          {(item) => (
            <li class="cart-line" data-testid="order-line">
              <LineName
                name={item.name}
                href={`/products/${item.productId}`}
                imageUrl={item.imageUrl}
                variantTitle={variantLabel(item.variantTitle)}
                sku={item.sku}
              />
              <span>× {item.quantity}</span>
              <span>{formatMoney(item.lineTotal, o().currency)}</span>
            </li>
          )}
        </For>
      </ul>
      <OrderTotals order={o()} />
      <h2>Progress</h2>
      <ol class="timeline">
        <For each={o().events}>
          {(event) => (
            <li>
              <strong>{statusLabels[event.status]}</strong>{" "}
              <span class="muted">{new Date(event.at).toLocaleString()}</span>
            </li>
          )}
        </For>
      </ol>
      {props.after}
    </section>
  );
}
