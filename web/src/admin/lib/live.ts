import { onCleanup, onMount } from "solid-js";
import type { DashboardMessage } from "../../../../realtime/messages.ts";
import { connectDashboard } from "../../lib/live.ts";

export { connected } from "../../lib/live.ts";

/**
 * Listens to the staff's dashboard room while the calling page is shown: orders, stats, low-stock
 * alerts and comments as they happen (a reconnect brings a fresh snapshot).
 */
export function onDashboard(handler: (message: DashboardMessage) => void) {
  onMount(() => onCleanup(connectDashboard(handler)));
}
