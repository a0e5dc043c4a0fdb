import { createSignal } from "solid-js";
import { ApiError, read } from "../../lib/http.ts";
import { formatMoney } from "../../lib/money.ts";
import { api } from "../../lib/session.ts";
import { createLoader } from "../lib/data.ts";
import { FormInvalid, isConflict } from "../lib/errors.ts";
import { createForm } from "../lib/form.ts";
import { onDashboard } from "../lib/live.ts";
import { statusLabels } from "../lib/orders.ts";
import type { LiveOrder, MovedOrder, OrderDetail } from "../lib/types.ts";

/*
 * One order as staff handle it, without markup: read with its payments, kept current by the dashboard
 * socket, and what staff do to it (move it on, refund it or one payment, cancel it).
 */

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One order as staff see it: its customer, and its payment attempts with what their gateway reported. */
async function findOrder(id: string): Promise<OrderDetail> {
  if (!uuid.test(id)) throw new ApiError(404, "not_found", "No such order.");
  return read(api.admin.orders[":id"].$get({ param: { id } }));
}

/** The order of the page, by its id (an accessor: the page may move to another order). */
export function createStaffOrder(id: () => string) {
  const order = createLoader(
    () => findOrder(id()),
    () => id(),
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
    if (message.type === "order" && message.order.id === id() && order.value()) {
      adopt(message.order);
      setLiveAt(new Date().toLocaleTimeString("en-US"));
    }
  });

  const move = (to: "processing" | "shipped" | "delivered") =>
    form.run(async () => {
      try {
        adopt(await read(api.admin.orders[":id"].status.$post({ param: { id: id() }, json: { status: to } })));
        return `The order is now ${statusLabels[to].toLowerCase()}.`;
      } catch (failure) {
        if (isConflict(failure)) void order.reload();
        throw failure;
      }
    });

  const refund = () =>
    form.run(async () => {
      try {
        adopt(await read(api.admin.orders[":id"].refund.$post({ param: { id: id() } })));
        return "The order is refunded; its stock is back on sale.";
      } catch (failure) {
        if (isConflict(failure)) void order.reload();
        throw failure;
      }
    });

  const retryRefund = (paymentId: string) =>
    form.run(async () => {
      const detail = await read(
        api.admin.orders[":id"].payments[":paymentId"].refund.$post({ param: { id: id(), paymentId } }),
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
          await read(api.admin.orders[":id"].cancel.$post({ param: { id: id() }, json: text ? { note: text } : {} })),
        );
        return "The order is canceled: its stock and coupon use are back.";
      } catch (failure) {
        if (isConflict(failure)) void order.reload();
        throw failure;
      }
    });

  return { order, liveAt, form, note, setNote, move, refund, retryRefund, cancel };
}

export type StaffOrder = ReturnType<typeof createStaffOrder>;
