import type { Bindings } from "./bindings.ts";
import { createContext } from "./platform/create-context.ts";
import { purgeSpentGrants } from "./repositories/coupons.repository.ts";
import { purgeOldRejections } from "./repositories/payments.repository.ts";
import { expireReservations } from "./services/orders.service.ts";
import { refundDuePayments } from "./services/refunds.service.ts";

/**
 * The cron trigger's work: release expired reservations (closing their payment sessions), give back
 * the money of payments whose refund is due, purge spent coupon grants.
 */
export async function runScheduledJobs(env: Bindings, waitUntil: (work: Promise<unknown>) => void = () => {}) {
  const handle = createContext(env, waitUntil);
  try {
    const expired = await expireReservations(handle.ctx);
    const refunds = await refundDuePayments(handle.ctx);
    const purged = await purgeSpentGrants(handle.ctx.db);
    const forgotten = await purgeOldRejections(handle.ctx.db);
    console.log(
      JSON.stringify({
        level: "info",
        message: "scheduled jobs",
        expiredOrders: expired.length,
        ...refunds,
        purgedGrants: purged,
        purgedRejections: forgotten,
      }),
    );
    return { expired, refunds, purged };
  } finally {
    await handle.close();
  }
}
