import PartySocket from "partysocket";
import { createSignal } from "solid-js";
import {
  type DashboardMessage,
  dashboardMessageSchema,
  type ShopperMessage,
  shopperMessageSchema,
} from "../../../realtime/messages.ts";
import { applyCart } from "./cart.ts";
import { read } from "./http.ts";
import type { Order } from "./orders.ts";
import { api } from "./session.ts";

/** Milliseconds to add to this device's clock to get the server's: countdowns run on the server's time. */
const [clockOffset, setClockOffset] = createSignal(0);
type Coupons = Extract<ShopperMessage, { type: "coupons" }>["coupons"];

const [coupons, setCoupons] = createSignal<Coupons>([]);
const [orderUpdate, setOrderUpdate] = createSignal<Order | null>(null);
const [connected, setConnected] = createSignal(false);

export { clockOffset, connected, coupons, orderUpdate };

export const serverNow = () => Date.now() + clockOffset();

/**
 * Whether a room message should be applied: a snapshot always (it is the whole state, also after a
 * reconnect), anything else only when newer than the last message applied.
 */
export function isFresh(message: { type: string; version: number }, lastApplied: number): boolean {
  return message.type === "snapshot" || message.version > lastApplied;
}

const ticket = async () => ({ ticket: (await read(api.realtime.ticket.$post())).ticket });

/**
 * A room socket that reconnects with backoff, fetches a fresh ticket for every attempt, takes the
 * snapshot each connect brings, and drops any message older than what it already applied.
 */
function openRoom<M extends { type: string; version: number }>(
  party: string,
  room: string,
  parse: (data: unknown) => M | null,
  apply: (message: M) => void,
) {
  let applied = -1;
  const socket = new PartySocket({
    host: location.host,
    party,
    room,
    query: ticket,
    maxRetries: Number.POSITIVE_INFINITY,
  });
  socket.addEventListener("open", () => setConnected(true));
  socket.addEventListener("close", () => setConnected(false));
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
  return () => socket.close();
}

const syncClock = (serverTime: string) => setClockOffset(Date.parse(serverTime) - Date.now());

export function connectShopper(userId: string): () => void {
  return openRoom<ShopperMessage>(
    "shopper",
    userId,
    (data) => shopperMessageSchema.safeParse(data).data ?? null,
    (message) => {
      if (message.type === "snapshot") {
        applyCart(message.cart);
        setCoupons(message.coupons);
        syncClock(message.serverTime);
      } else if (message.type === "cart") {
        applyCart(message.cart);
      } else if (message.type === "coupons") {
        setCoupons(message.coupons);
        syncClock(message.serverTime);
      } else if (message.type === "order") {
        setOrderUpdate(message.order);
      }
    },
  );
}

export function connectDashboard(onMessage: (message: DashboardMessage) => void): () => void {
  return openRoom<DashboardMessage>(
    "dashboard",
    "main",
    (data) => dashboardMessageSchema.safeParse(data).data ?? null,
    onMessage,
  );
}
