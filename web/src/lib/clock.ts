import { createSignal } from "solid-js";

/** Milliseconds to add to this device's clock to get the server's: countdowns run on the server's time. */
const [clockOffset, setClockOffset] = createSignal(0);
let setByRoom = false;

export const serverNow = () => Date.now() + clockOffset();

/**
 * Sets the clock from a time the server sent: the shopper's room's always, a read of the API's only
 * until the room's came (a read may be older than the room's latest message).
 */
export function syncClock(serverTime: string, from: "room" | "read") {
  if (from === "read" && setByRoom) return;
  if (from === "room") setByRoom = true;
  setClockOffset(Date.parse(serverTime) - Date.now());
}

/** The room is gone (signed out): reads set the clock again until the next room's snapshot. */
export function forgetRoomClock() {
  setByRoom = false;
}

/** What is left until `at` by the server's clock `now`, as countdowns show it: `2d 03:04:05`, `00:12:30`. */
export function timeLeft(at: string, now: number) {
  const ms = Math.max(0, Date.parse(at) - now);
  const days = Math.floor(ms / 86_400_000);
  const clock = new Date(ms).toISOString().slice(11, 19);
  return days > 0 ? `${days}d ${clock}` : clock;
}
