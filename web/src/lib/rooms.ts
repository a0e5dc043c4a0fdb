import PartySocket from "partysocket";
import { read } from "./http.ts";
import { api } from "./session.ts";

/**
 * Whether a room message should be applied: a snapshot always (it is the whole state, also after a
 * reconnect), anything else only when newer than the last message applied.
 */
export function isFresh(message: { type: string; version: number }, lastApplied: number): boolean {
  return message.type === "snapshot" || message.version > lastApplied;
}

const ticket = async () => ({ ticket: (await read(api.realtime.ticket.$post())).ticket });

/**
 * A room socket that reconnects with backoff, fetches a fresh ticket for every attempt (or sends
 * what `admission` gives, as a guest's order key), takes the snapshot each connect brings, and
 * drops any message older than what it already applied. Each socket tells its own `onState`
 * whether it is up.
 */
export function openRoom<M extends { type: string; version: number }>(
  party: string,
  room: string,
  parse: (data: unknown) => M | null,
  apply: (message: M) => void,
  onState: (up: boolean) => void,
  admission: () => Promise<Record<string, string>> = ticket,
) {
  let applied = -1;
  const socket = new PartySocket({
    host: location.host,
    party,
    room,
    query: admission,
    maxRetries: Number.POSITIVE_INFINITY,
  });
  socket.addEventListener("open", () => onState(true));
  socket.addEventListener("close", () => onState(false));
  socket.addEventListener("message", (event) => {
    let data: unknown;
    try {
      data = JSON.parse(String(event.data));
    } catch {
      return;
    }
    const message = parse(data);
    if (!message) return;
    if (!isFresh(message, applied)) return;
    applied = message.version;
    apply(message);
  });
  return () => {
    socket.close();
    onState(false);
  };
}
