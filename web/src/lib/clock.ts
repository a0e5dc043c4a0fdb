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
