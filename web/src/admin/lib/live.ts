import { createSignal, onCleanup, onMount } from "solid-js";
import { type DashboardMessage, dashboardMessageSchema } from "../../../../realtime/messages.ts";
import { openRoom } from "../../lib/rooms.ts";

type Snapshot = Extract<DashboardMessage, { type: "snapshot" }>;

/** Whether the dashboard room's socket is up: the shopper's own socket has nothing to do with it. */
const [connected, setConnected] = createSignal(false);

export { connected };

const listeners = new Set<(message: DashboardMessage) => void>();
let holders = 0;
let close: (() => void) | null = null;
/** The newest counters the room sent, given to a page that starts listening after the snapshot came. */
let latest: Snapshot | null = null;

function deliver(message: DashboardMessage) {
  if (message.type === "snapshot" || message.type === "stats")
    latest = { type: "snapshot", version: message.version, stats: message.stats };
  for (const listener of [...listeners]) listener(message);
}

/**
 * Keeps the one dashboard socket of the admin app open while the caller is shown. The shell holds it
 * for as long as staff are in the admin app, so moving between its pages never reconnects.
 */
export function holdDashboard() {
  onMount(() => {
    if (holders++ === 0) {
      close = openRoom(
        "dashboard",
        "main",
        (data) => dashboardMessageSchema.safeParse(data).data ?? null,
        deliver,
        setConnected,
      );
    }
    onCleanup(() => {
      if (--holders === 0) {
        close?.();
        close = null;
        latest = null;
      }
    });
  });
}

/**
 * Listens to the staff's dashboard room while the calling page is shown: orders, stats, low-stock
 * alerts and comments as they happen. A page that starts listening on an open socket gets the
 * latest counters as its snapshot; a reconnect brings a fresh one to every page.
 */
export function onDashboard(handler: (message: DashboardMessage) => void) {
  holdDashboard();
  onMount(() => {
    listeners.add(handler);
    if (latest) handler(latest);
    onCleanup(() => listeners.delete(handler));
  });
}
