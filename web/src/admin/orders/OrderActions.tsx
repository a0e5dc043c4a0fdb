import { Show } from "solid-js";
import { formatMoney } from "../../lib/money.ts";
import { ConfirmButton } from "../components/Feedback.tsx";
import { InputField } from "../components/Fields.tsx";
import { formatDateTime, refundable, shippable, staffMoves, statusLabels } from "../lib/orders.ts";
import type { OrderDetail } from "../lib/types.ts";
import { ShipForm } from "./ShipForm.tsx";
import type { StaffOrder } from "./staff-order.ts";

/** What staff can do next with the order: move it on, refund it, or cancel it while it waits for payment. */
export function OrderActions(props: { order: OrderDetail; staff: StaffOrder }) {
  const o = () => props.order;
  const { form, move, refund, cancel, note, setNote } = props.staff;
  const money = (minor: number) => formatMoney(minor, o().currency);
  const next = () => staffMoves[o().status];
  return (
    <div class="a-actions" data-testid="order-actions">
      <Show when={next()}>
        {(step) => (
          <button type="button" class="button" disabled={form.busy()} onClick={() => void move(step().to)}>
            {step().label}
          </button>
        )}
      </Show>
      <Show when={shippable.includes(o().status)}>
        <ShipForm staff={props.staff} />
      </Show>
      <Show when={o().shipment}>
        {(shipment) => (
          <details class="a-correct-shipment">
            <summary>Change the tracking</summary>
            <ShipForm staff={props.staff} shipped={shipment()} />
          </details>
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
          Waiting for the customer to pay until {formatDateTime(o().expiresAt)}; the reservation ends by itself after
          that, or cancel it now (for instance when the customer asks).
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
      <Show
        when={
          !next() &&
          !shippable.includes(o().status) &&
          !refundable.includes(o().status) &&
          o().status !== "pending_payment"
        }
      >
        <p class="muted">Nothing more to do: the order is {statusLabels[o().status].toLowerCase()}.</p>
      </Show>
    </div>
  );
}
