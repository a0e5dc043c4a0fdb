import type { Connection } from "partyserver";
import { dashboardStats } from "../worker/platform/snapshots.ts";
import type { LiveStats } from "../worker/schemas/stats.ts";
import type { DashboardEvent, DashboardMessage } from "./messages.ts";
import { ShopRoom } from "./room.ts";

const statsFreshMs = 10_000;

/**
 * The staff's live dashboard (`/parties/dashboard/main`): a snapshot of the stats on connect, then
 * new orders, status changes, revenue and counters, low-stock alerts and comments to moderate.
 * Stats are computed by Postgres; the room keeps the latest for snapshots and relays the rest.
 */
export class DashboardRoom extends ShopRoom<DashboardMessage> {
  private latest: { stats: LiveStats; at: number } | null = null;

  async onConnect(connection: Connection) {
    this.sendTo(connection, this.stamp({ type: "snapshot", stats: await this.stats() }));
  }

  async publish(event: DashboardEvent): Promise<number> {
    if (event.type === "stats") this.latest = { stats: event.stats, at: Date.now() };
    return this.broadcastNext(event);
  }

  private async stats(): Promise<LiveStats> {
    if (this.latest && Date.now() - this.latest.at < statsFreshMs) return this.latest.stats;
    const stats = await dashboardStats(this.env);
    this.latest = { stats, at: Date.now() };
    return stats;
  }
}
