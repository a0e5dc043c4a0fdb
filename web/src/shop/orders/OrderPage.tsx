import { A, createAsync, useParams } from "@solidjs/router";
import { createSignal, For, onCleanup, Show } from "solid-js";
import { FormError } from "../../components/FormError.tsx";
import { setQuery } from "../../lib/data.ts";
import { createForm } from "../../lib/form.ts";
import { liveOrders } from "../../lib/live.ts";
import { formatMoney } from "../../lib/money.ts";
import { user } from "../../lib/session.ts";
import { variantLabel } from "../product/variants.ts";
import { cancelOrder, getOrder, newer, startPayment, statusLabels } from "./orders.ts";

function Countdown(props: { until: string }) {
  const [now, setNow] = createSignal(Date.now());
  const timer = setInterval(() => setNow(Date.now()), 1_000);
  onCleanup(() => clearInterval(timer));
  const left = () => Math.max(0, Date.parse(props.until) - now());
  const text = () => `${Math.floor(left() / 60_000)}:${String(Math.floor((left() % 60_000) / 1_000)).padStart(2, "0")}`;
  return <span data-testid="reservation-countdown">{text()}</span>;
}

export default function OrderPage() {
  const params = useParams<{ id: string }>();
  const account = () => user()?.id ?? "";
  const read = createAsync(() => getOrder(account(), params.id));
  // Progress arrives live: payment, staff moves and expiry update this page without a reload.
  const order = () => {
    const found = read();
    return found && newer(liveOrders().get(found.id)?.order, found);
  };
  const paying = createForm();
  const pay = () =>
    paying.run(async () => {
      location.href = (await startPayment(params.id)).redirectUrl;
      // The bank's page is on its way: the button stays pressed until it is there.
      await new Promise(() => undefined);
    });
  const cancel = () =>
    paying.run(async () => {
      await setQuery(getOrder, [account(), params.id], await cancelOrder(params.id));
    });

  return (
    <Show when={order()}>
      {(o) => (
        <section class="narrow wide">
          <p class="muted">
            <A href="/orders">Your orders</A>
          </p>
          <h1>Order {o().id.slice(0, 8)}</h1>
          <p class={`status status-${o().status}`} data-testid="order-status">
            {statusLabels[o().status]}
          </p>
          <Show when={o().status === "pending_payment"}>
            <p>
              Your items are reserved for <Countdown until={o().expiresAt} />. Pay before then to keep them.
            </p>
            <div class="actions">
              <button type="button" class="button" onClick={pay} disabled={paying.busy()}>
                Pay {formatMoney(o().total, o().currency)}
              </button>
              <button type="button" class="button secondary" onClick={cancel} disabled={paying.busy()}>
                Cancel order
              </button>
            </div>
          </Show>
          <FormError error={paying.error()} />
          <ul class="cart-lines">
            <For each={o().items}>
              {(item) => (
                <li class="cart-line" data-testid="order-line">
                  <span class="line-name">
                    <A href={`/products/${item.productId}`}>{item.name}</A>
                    <Show when={variantLabel(item.variantTitle)}>
                      {(title) => <small data-testid="line-variant">{title()}</small>}
                    </Show>
                    <small class="muted">
                      SKU <span data-testid="line-sku">{item.sku}</span>
                    </small>
                  </span>
                  <span>× {item.quantity}</span>
                  <span>{formatMoney(item.lineTotal, o().currency)}</span>
                </li>
              )}
            </For>
          </ul>
          <dl class="totals">
            <dt>Subtotal</dt>
            <dd>{formatMoney(o().subtotal, o().currency)}</dd>
            <Show when={o().discount > 0}>
              <dt>Discount {o().couponCode ? `(${o().couponCode})` : ""}</dt>
              <dd>−{formatMoney(o().discount, o().currency)}</dd>
            </Show>
            <dt>Tax</dt>
            <dd>{formatMoney(o().tax, o().currency)}</dd>
            <dt>Shipping</dt>
            <dd>{formatMoney(o().shipping, o().currency)}</dd>
            <dt>Total</dt>
            <dd>
              <strong data-testid="order-total">{formatMoney(o().total, o().currency)}</strong>
            </dd>
          </dl>
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
        </section>
      )}
    </Show>
  );
}
