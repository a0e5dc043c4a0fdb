import { shopperConnected } from "../lib/live.ts";

/** Whether my live socket is up: the page updates by itself only while it is. */
export function LiveState() {
  return (
    <span
      class={shopperConnected() ? "badge live-state" : "badge out live-state"}
      role="status"
      data-testid="live-state"
    >
      {shopperConnected() ? "Live" : "Connecting…"}
    </span>
  );
}
