import type { Bindings } from "./bindings.ts";
import { createContext } from "./platform/create-context.ts";
import { purgeSpentGrants } from "./repositories/coupons.repository.ts";
import { expireReservations } from "./services/orders.service.ts";

/** The cron trigger's work: release expired reservations, purge spent coupon grants. */
export async function runScheduledJobs(env: Bindings, waitUntil: (work: Promise<unknown>) => void = () => {}) {
  const handle = createContext(env, waitUntil);
  try {
    const expired = await expireReservations(handle.ctx);
    const purged = await purgeSpentGrants(handle.ctx.db);
    console.log(
      JSON.stringify({ level: "info", message: "scheduled jobs", expiredOrders: expired.length, purgedGrants: purged }),
    );
    return { expired, purged };
  } finally {
    await handle.close();
  }
}
