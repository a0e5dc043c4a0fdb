import { createAsync, revalidate } from "@solidjs/router";
import { createSignal } from "solid-js";
import { setQuery } from "../../lib/data.ts";
import { FormInvalid } from "../../lib/field-errors.ts";
import { createForm } from "../../lib/form.ts";
import { read } from "../../lib/http.ts";
import { formatMoney } from "../../lib/money.ts";
import { api } from "../../lib/session.ts";
import { isConflict } from "../lib/errors.ts";
import { onDashboard } from "../lib/live.ts";
import { statusLabels } from "../lib/orders.ts";
import type { LiveOrder, MovedOrder, OrderDetail } from "../lib/types.ts";
import { getOrder } from "./orders.ts";

/*
 * One order as staff handle it, without markup: read with its payments, kept current by the dashboard
 * socket, and what staff do to it (move it on, refund it or one payment, cancel it).
 */

/** A parcel as staff give it when shipping. */
export type Parcel = { carrier: string; trackingNumber?: string; trackingUrl?: string };

/** The order of the page, by its id (an accessor: the page may move to another order). */
export function createStaffOrder(id: () => string) {
  const order = createAsync(() => getOrder(id()));
  const [liveAt, setLiveAt] = createSignal<string | null>(null);
  const form = createForm();
  const [note, setNote] = createSignal("");

  /** The order as the page shows it, once read (for handlers: never suspends, never throws). */
  const shown = (): OrderDetail | undefined => {
    try {
      return order.latest?.id === id() ? order.latest : undefined;
    } catch {
      return undefined; // The read failed: the page says so, with a retry.
    }
  };
  /** Reads the order again: after a conflict, or for what a fresher copy does not carry. */
  const reread = () => revalidate(getOrder.keyFor(id()));
  /**
   * A fresher copy of the order (a move's answer, a live update) shows at once; its payments, which
   * such copies do not carry, are read again right after.
   */
  const adopt = (next: MovedOrder | LiveOrder) => {
    const current = shown();
    if (!current) return void reread();
    void setQuery(getOrder, [id()], { ...current, ...next }).then(reread);
  };
  /** A staff move: its answer is adopted; a conflict (someone else moved the order) reads it again. */
  const change = (work: () => Promise<MovedOrder>, done: string) =>
    form.run(async () => {
      try {
        adopt(await work());
        return done;
      } catch (failure) {
        if (isConflict(failure)) void reread();
        throw failure;
      }
    });

  onDashboard((message) => {
    if (message.type === "order" && message.order.id === id() && shown()) {
      adopt(message.order);
      setLiveAt(new Date().toLocaleTimeString("en-US"));
    }
  });

  const move = (to: "processing" | "delivered") =>
    change(
      () => read(api.admin.orders[":id"].status.$post({ param: { id: id() }, json: { status: to } })),
      `The order is now ${statusLabels[to].toLowerCase()}.`,
    );

  /** Ships the order with what `parcel` says (it throws the form's own checks before anything is sent). */
  const ship = (parcel: () => Parcel) =>
    change(() => read(api.admin.orders[":id"].ship.$post({ param: { id: id() }, json: parcel() })), `Order shipped.`);
  /** A shipped order's parcel corrected: a tracking number given after a bulk shipment, say. */
  const correctShipment = (parcel: () => Parcel) =>
    change(
      () => read(api.admin.orders[":id"].shipment.$put({ param: { id: id() }, json: parcel() })),
      "Tracking saved: the customer sees it now.",
    );

  const refund = () =>
    change(
      () => read(api.admin.orders[":id"].refund.$post({ param: { id: id() } })),
      "The order is refunded; its stock is back on sale.",
    );

  const cancel = () => {
    const text = note().trim();
    return change(
      () => read(api.admin.orders[":id"].cancel.$post({ param: { id: id() }, json: text ? { note: text } : {} })),
      "The order is canceled: its stock and coupon use are back.",
    );
  };

  const retryRefund = (paymentId: string) =>
    form.run(async () => {
      const detail = await read(
        api.admin.orders[":id"].payments[":paymentId"].refund.$post({ param: { id: id(), paymentId } }),
      );
      void setQuery(getOrder, [id()], detail);
      const payment = detail.payments.find((p) => p.id === paymentId);
      if (payment?.status !== "refunded") {
        throw new FormInvalid(
          {},
          `The gateway refused the refund again (${payment?.refund?.lastError ?? "no reason given"}); it is tried again by itself.`,
        );
      }
      return `${formatMoney(payment.amount, payment.currency)} went back to the customer.`;
    });

  return { order, liveAt, form, note, setNote, move, ship, correctShipment, refund, retryRefund, cancel };
}

export type StaffOrder = ReturnType<typeof createStaffOrder>;
