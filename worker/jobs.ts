import type { Bindings } from "./env.ts";
import { lazyServices } from "./middleware/services.ts";
import { purgeSpentGrants } from "./repositories/coupons.repository.ts";
import { expireReservations } from "./services/orders.service.ts";

/** The cron trigger's work: release expired reservations, purge spent coupon grants. */
export async function runScheduledJobs(env: Bindings, waitUntil: (work: Promise<unknown>) => void = () => {}) {
  const handle = lazyServices(env, waitUntil);
  try {
    const expired = await expireReservations(handle.services.db, handle.services.live);
    const purged = await purgeSpentGrants(handle.services.db);
    console.log(
      JSON.stringify({ level: "info", message: "scheduled jobs", expiredOrders: expired.length, purgedGrants: purged }),
    );
    return { expired, purged };
  } finally {
    await handle.close();
  }
}
