import { createEffect, createSignal, onCleanup } from "solid-js";
import { shopperConnected } from "../lib/live.ts";

/** How long the socket may be down before the page says it may be out of date (a reconnect is quicker). */
const patienceMs = 5_000;

/**
 * Whether the page updates by itself: said to screen readers, and shown only when it has not for a
 * while (a shopper has no use for a "Live" badge, but should know when a page may be out of date).
 */
export function LiveState() {
  const [late, setLate] = createSignal(false);
  createEffect(() => {
    if (shopperConnected()) return setLate(false);
    const timer = setTimeout(() => setLate(true), patienceMs);
    onCleanup(() => clearTimeout(timer));
  });
  return (
    <span class={late() ? "badge out live-state" : "visually-hidden"} role="status" data-testid="live-state">
      {shopperConnected()
        ? "This page updates live."
        : late()
          ? "Reconnecting: this page may be out of date."
          : "Connecting to live updates…"}
    </span>
  );
}
