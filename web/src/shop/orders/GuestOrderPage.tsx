import { A, createAsync } from "@solidjs/router";
import { createEffect, createSignal, onCleanup, onMount, Show } from "solid-js";
import { orderRoomMessageSchema } from "../../../../realtime/messages.ts";
import { setQuery } from "../../lib/data.ts";
import { createForm } from "../../lib/form.ts";
import { openRoom } from "../../lib/rooms.ts";
import { user } from "../../lib/session.ts";
import { OrderView } from "./OrderView.tsx";
import { rememberOrderKey } from "./order-keys.ts";
import { cancelGuestOrder, getGuestOrder, newer, type Order, payGuestOrder } from "./orders.ts";

/**
 * A guest's order, opened by its key (from the checkout, the link in the address, or this browser's
 * memory of it): live in its own room, paid and canceled like a shopper's. A guest is offered an
 * account, which the order joins once it verifies the order's email.
 */
export default function GuestOrderPage(props: { id: string; orderKey: string }) {
  const read = createAsync(() => getGuestOrder(props.id, props.orderKey));
  // A key that opened the order is kept: the bank sends the guest back to the order's page without
  // it, in this browser, which may not be the one that placed the order (a link from the email).
  createEffect(() => {
    if (read()) rememberOrderKey(props.id, props.orderKey);
  });
  const [live, setLive] = createSignal<Order>();
  const order = () => {
    const found = read();
    return found && { ...found, ...newer(live(), found) };
  };
  onMount(() => {
    const close = openRoom(
      "order",
      props.id,
      (data) => orderRoomMessageSchema.safeParse(data).data ?? null,
      (message) => {
        if (message.type === "snapshot" || message.type === "order") setLive(message.order);
      },
      () => undefined,
      async () => ({ key: props.orderKey }),
    );
    onCleanup(close);
  });
  const paying = createForm();
  const pay = () =>
    paying.run(async () => {
      location.href = (await payGuestOrder(props.id, props.orderKey)).redirectUrl;
      // The bank's page is on its way: the button stays pressed until it is there.
      await new Promise(() => undefined);
    });
  const cancel = () =>
    paying.run(async () => {
      await setQuery(getGuestOrder, [props.id, props.orderKey], await cancelGuestOrder(props.id, props.orderKey));
    });

  return (
    <Show when={order()}>
      {(o) => (
        <OrderView
          order={o()}
          form={paying}
          onPay={pay}
          onCancel={cancel}
          before={
            <p class="muted" data-testid="guest-order-email">
              Placed as a guest with {o().email}. Keep this page's address: it opens the order.
            </p>
          }
          after={
            <Show when={!user()}>
              <section class="notice" data-testid="guest-account-offer">
                <h2>Keep your orders in one place</h2>
                <p>
                  Create an account with {o().email}: once you verify it, this order and the others you placed with it
                  join your account.
                </p>
                <A
                  class="button secondary"
                  href={`/signup?email=${encodeURIComponent(o().email)}&next=${encodeURIComponent("/orders")}`}
                >
                  Create an account
                </A>
              </section>
            </Show>
          }
        />
      )}
    </Show>
  );
}
