import { A, useParams } from "@solidjs/router";
import { Show } from "solid-js";
import { FormStatus } from "../components/Feedback.tsx";
import { LiveBadge } from "../components/LiveBadge.tsx";
import { Async, NotFound } from "../components/State.tsx";
import { StatusBadge } from "../components/StatusBadge.tsx";
import { formatDateTime, shortId } from "../lib/orders.ts";
import { pageTitle } from "../lib/role.ts";
import { OrderActions } from "./OrderActions.tsx";
import { OrderHistory, ShipmentPanel, ShippingAddress } from "./OrderDetails.tsx";
import { OrderItems } from "./OrderItems.tsx";
import { OrderPayments } from "./OrderPayments.tsx";
import { getOrder } from "./orders.ts";
import { createStaffOrder } from "./staff-order.ts";

/** The route's preload: the page's reads, started with the navigation. */
export { preloadOrder as preload } from "./orders.ts";

/** One order as staff see it: what to do with it, its items, address, payments and history, live. */
export default function OrderPage() {
  const params = useParams<{ id: string }>();
  pageTitle(`Order ${shortId(params.id)}`);
  const staff = createStaffOrder(() => params.id);
  return (
    <section>
      <p class="a-crumbs">
        <A href="/admin/orders">Orders</A>
      </p>
      <Async
        value={staff.order}
        keys={getOrder.key}
        what="the order"
        notFound={<NotFound what="Order" back="/admin/orders" backLabel="Back to the orders" />}
      >
        {(o) => (
          <>
            <div class="a-title">
              <h1>Order #{o().number}</h1>
              <StatusBadge status={o().status} testid="admin-order-status" />
              <LiveBadge />
            </div>
            <p class="muted">
              Placed {formatDateTime(o().createdAt)} by{" "}
              <Show when={o().username} fallback="a customer">
                <A href={`/admin/customers?q=${encodeURIComponent(o().username)}`}>{o().username}</A>
              </Show>{" "}
              (<A href={`/admin/orders?userId=${o().userId}`}>their orders</A>) · <code>{o().id}</code>
              <Show when={staff.liveAt()}>
                <span role="status"> · updated live at {staff.liveAt()}</span>
              </Show>
            </p>
            <OrderActions order={o()} staff={staff} />
            <FormStatus form={staff.form} />
            <div class="a-columns">
              <OrderItems order={o()} />
              <div>
                <ShipmentPanel order={o()} />
                <ShippingAddress order={o()} />
                <OrderPayments
                  payments={o().payments}
                  busy={staff.form.busy()}
                  onRetryRefund={(id) => void staff.retryRefund(id)}
                />
                <OrderHistory order={o()} />
              </div>
            </div>
          </>
        )}
      </Async>
    </section>
  );
}
