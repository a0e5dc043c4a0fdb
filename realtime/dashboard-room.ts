import type { Connection, ConnectionContext } from "partyserver";
import type { SessionClaims } from "../worker/platform/session.ts";
import { checkDashboardSession, dashboardStats } from "../worker/platform/snapshots.ts";
import type { LiveStats } from "../worker/schemas/stats.ts";
import type { DashboardEvent, DashboardMessage } from "./messages.ts";
import { CheckedRoom, claimsOf, forLiveSession } from "./room.ts";

const statsFreshMs = 10_000;

/**
 * The staff's live dashboard (`/parties/dashboard/main`): a snapshot of the stats on connect, then
 * new orders, status changes, revenue and counters, low-stock alerts and comments to moderate.
 * Stats are computed by Postgres; the room keeps the latest for snapshots and relays the rest.
 */
export class DashboardRoom extends CheckedRoom<DashboardMessage> {
  private latest: { stats: LiveStats; at: number } | null = null;

  async onConnect(connection: Connection, { request }: ConnectionContext) {
    const stats = await forLiveSession(connection, () => this.stats(claimsOf(request)));
    if (stats) this.sendTo(connection, this.stamp({ type: "snapshot", stats }));
  }

  async publish(event: DashboardEvent): Promise<number> {
    if (event.type === "stats") this.latest = { stats: event.stats, at: Date.now() };
    return this.broadcastNext(event);
  }

  /** The stats for a new socket, read with its session's check (or the check alone, when fresh ones are at hand). */
  private async stats(socket: SessionClaims): Promise<LiveStats> {
    if (this.latest && Date.now() - this.latest.at < statsFreshMs) {
      await checkDashboardSession(this.env, socket);
      return this.latest.stats;
    }
    const stats = await dashboardStats(this.env, socket);
    this.latest = { stats, at: Date.now() };
    return stats;
  }
}
