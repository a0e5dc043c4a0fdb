import type { Bindings } from "./bindings.ts";
import type { ShopContext } from "./platform/context.ts";
import { createContext } from "./platform/create-context.ts";
import { purgeSpentGrants } from "./repositories/coupons.repository.ts";
import { purgeOldRejections } from "./repositories/payments.repository.ts";
import { expireReservations } from "./services/orders.service.ts";
import { applyDuePriceSchedules } from "./services/price-schedules.service.ts";
import { refundDuePayments } from "./services/refunds.service.ts";

/** The schedule's jobs, each run on its own: one that fails (a deadlock, a gateway down) stops no other. */
const jobs = {
  expired: (ctx: ShopContext) => expireReservations(ctx),
  refunds: (ctx: ShopContext) => refundDuePayments(ctx),
  purgedGrants: (ctx: ShopContext) => purgeSpentGrants(ctx.db),
  purgedRejections: (ctx: ShopContext) => purgeOldRejections(ctx.db),
  pricesApplied: async (ctx: ShopContext) => (await applyDuePriceSchedules(ctx)).length,
};

type Outcomes = { [name in keyof typeof jobs]: Awaited<ReturnType<(typeof jobs)[name]>> | null };

/**
 * The cron trigger's work: release expired reservations (closing their payment sessions), give back
 * the money of payments whose refund is due, purge spent coupon grants and old rejected gateway
 * messages, and apply the price changes staff scheduled that are due. A job that fails answers null
 * and is logged; the next minute tries it again.
 */
export async function runScheduledJobs(env: Bindings, waitUntil: (work: Promise<unknown>) => void = () => {}) {
  const handle = createContext(env, waitUntil);
  try {
    const outcomes = {} as Record<string, unknown>;
    for (const [name, job] of Object.entries(jobs)) {
      try {
        outcomes[name] = await job(handle.ctx);
      } catch (error) {
        outcomes[name] = null;
        console.error(
          JSON.stringify({ level: "error", message: `scheduled job ${name} failed`, error: String(error) }),
        );
      }
    }
    const { expired, ...rest } = outcomes as Outcomes;
    console.log(
      JSON.stringify({ level: "info", message: "scheduled jobs", expiredOrders: expired?.length ?? null, ...rest }),
    );
    return outcomes as Outcomes;
  } finally {
    await handle.close();
  }
}
