import { Match, Show, Switch } from "solid-js";
import type { Order } from "./orders.ts";

const day = (at: string) => new Date(at).toLocaleDateString(undefined, { dateStyle: "long" });

/** The parcel's carrier and tracking number, linked to the carrier's page when there is one. */
function Tracking(props: { shipment: NonNullable<Order["shipment"]> }) {
  return (
    <p data-testid="order-tracking">
      <Show when={props.shipment.carrier}>{(carrier) => <>Carrier: {carrier()}. </>}</Show>
      <Show when={props.shipment.trackingNumber}>
        {(number) => (
          <>
            Tracking number:{" "}
            <Show when={props.shipment.trackingUrl} fallback={<strong>{number()}</strong>}>
              {(url) => (
                <a href={url()} target="_blank" rel="noopener noreferrer">
                  {number()}
                </a>
              )}
            </Show>
          </>
        )}
      </Show>
    </p>
  );
}

/**
 * Once paid: thanks, and what happens next (packing, shipping with its tracking, delivery), said
 * for where the order is now; and always where it goes.
 */
export function OrderNext(props: { order: Order }) {
  const o = () => props.order;
  const a = () => o().shippingAddress;
  return (
    <>
      <Switch>
        <Match when={o().status === "paid" || o().status === "processing"}>
          <section class="notice" data-testid="order-next">
            <h2>Thank you: your payment arrived</h2>
            <p>
              What happens next: we {o().status === "paid" ? "pack your order" : "are packing your order"} and send it
              to the address below. This page shows when it leaves, with its tracking number, and updates by itself.
            </p>
          </section>
        </Match>
        <Match when={o().status === "shipped"}>
          <section class="notice" data-testid="order-next">
            <h2>On its way</h2>
            <p>Your order left us{o().shipment ? ` on ${day(o().shipment?.shippedAt ?? o().createdAt)}` : ""}.</p>
            <Show when={o().shipment}>{(shipment) => <Tracking shipment={shipment()} />}</Show>
          </section>
        </Match>
        <Match when={o().status === "delivered"}>
          <section class="notice" data-testid="order-next">
            <h2>Delivered</h2>
            <p>We hope you enjoy it. You can rate what you bought on each product's page.</p>
            <Show when={o().shipment}>{(shipment) => <Tracking shipment={shipment()} />}</Show>
          </section>
        </Match>
      </Switch>
      <h2>Ships to</h2>
      <address class="address" data-testid="order-address">
        {a().name}
        <br />
        {a().line1}
        <br />
        {a().postalCode} {a().city}, {a().country}
        <Show when={a().phone}>
          {(phone) => (
            <>
              <br />
              {phone()}
            </>
          )}
        </Show>
      </address>
    </>
  );
}
