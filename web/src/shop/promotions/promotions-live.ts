import PartySocket from "partysocket";
import { createEffect, onCleanup } from "solid-js";
import { serverNow } from "../../lib/clock.ts";

/** The public room that says the shop's promotions changed (`/parties/catalog/promotions`, no ticket). */
const room = "promotions";

/** The latest a timer waits: browsers cap timers near 24.8 days, and the page is rarely open that long. */
const longestWait = 2 ** 31 - 1;

/**
 * Calls `reprice` while the calling component is shown whenever the shop's promotions change (a
 * merchant paused, changed or started one) and when the next one starts or ends by the server's
 * clock (`changeAt`), so an open cart is priced again on every device without a reload.
 */
export function watchPromotions(changeAt: () => string | null | undefined, reprice: () => void) {
  if (typeof location === "undefined") return;
  const socket = new PartySocket({ host: location.host, party: "catalog", room });
  let greeted = -1;
  socket.addEventListener("message", (event) => {
    let message: { type?: unknown; version?: unknown };
    try {
      message = JSON.parse(String(event.data));
    } catch {
      return;
    }
    if (typeof message.version !== "number") return;
    // A reconnect greets with the room's version: above the last one seen, changes came meanwhile.
    const news = message.type === "promotions" || (message.type === "welcome" && greeted >= 0);
    if (message.version <= greeted || (message.type !== "welcome" && message.type !== "promotions")) return;
    greeted = message.version;
    // Spread over two seconds: every open cart hears the change at once.
    if (news) setTimeout(reprice, Math.random() * 2_000);
  });
  onCleanup(() => socket.close());

  createEffect(() => {
    const at = changeAt();
    if (!at) return;
    // A second late, so the server already sees the change when the cart is read again.
    const wait = Math.min(Date.parse(at) - serverNow() + 1_000, longestWait);
    if (!(wait > 0)) return;
    const timer = setTimeout(reprice, wait);
    onCleanup(() => clearTimeout(timer));
  });
}
