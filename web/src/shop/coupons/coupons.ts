import { query } from "@solidjs/router";
import { syncClock } from "../../lib/clock.ts";
import { read } from "../../lib/http.ts";
import { api, user } from "../../lib/session.ts";

/** My coupons as the API has them, keyed by my account; the read also sets the clock until the room does. */
export const getMyCoupons = query(async (_account: string) => {
  const mine = await read(api.coupons.$get());
  syncClock(mine.serverTime, "read");
  return mine;
}, "my-coupons");

/** Starts the read of my coupons with the navigation to them (the route's preload). */
export function preloadMyCoupons() {
  const account = user()?.id;
  if (account) void getMyCoupons(account);
}
