import { For, Show } from "solid-js";
import { actorLabels, formatDateTime, statusLabels } from "../lib/orders.ts";
import type { OrderDetail } from "../lib/types.ts";

/** Where the order goes, as the customer gave it at checkout. */
export function ShippingAddress(props: { order: OrderDetail }) {
  const o = () => props.order;
  return (
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
  );
}

/** The parcel, once the order shipped: carrier, tracking number and the link that follows it. */
export function ShipmentPanel(props: { order: OrderDetail }) {
  return (
    <Show when={props.order.shipment}>
      {(shipment) => (
        <section class="a-panel" data-testid="shipment">
          <h2>Shipment</h2>
          <dl class="a-facts">
            <dt>Carrier</dt>
            <dd>{shipment().carrier ?? "Not recorded"}</dd>
            <dt>Tracking number</dt>
            <dd>{shipment().trackingNumber ?? "None"}</dd>
            <dt>Shipped</dt>
            <dd>{formatDateTime(shipment().shippedAt)}</dd>
          </dl>
          <Show when={shipment().trackingUrl}>
            {(url) => (
              <a href={url()} target="_blank" rel="noopener noreferrer">
                Track the parcel
              </a>
            )}
          </Show>
        </section>
      )}
    </Show>
  );
}

/** Every move of the order, with who made it and their note. */
export function OrderHistory(props: { order: OrderDetail }) {
  const o = () => props.order;
  return (
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
  );
}
