import { connected } from "../lib/live.ts";

/** Whether the page's live socket is up: updates arrive by themselves only while it is. */
export function LiveBadge() {
  return (
    <span class={connected() ? "badge a-live" : "badge out"} role="status" data-testid="live-state">
      {connected() ? "Live" : "Connecting…"}
    </span>
  );
}
