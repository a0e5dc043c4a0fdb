import { A, createAsync, useParams } from "@solidjs/router";
import { Show } from "solid-js";
import { setQuery } from "../../lib/data.ts";
import { createForm } from "../../lib/form.ts";
import { liveOrders } from "../../lib/live.ts";
import { user } from "../../lib/session.ts";
import { OrderView } from "./OrderView.tsx";
import { cancelOrder, getOrder, newer, startPayment } from "./orders.ts";

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
        <OrderView
          order={o()}
          form={paying}
          onPay={pay}
          onCancel={cancel}
          before={
            <p class="muted">
              <A href="/orders">Your orders</A>
            </p>
          }
        />
      )}
    </Show>
  );
}
