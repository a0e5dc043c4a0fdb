import PartySocket from "partysocket";
import { createSignal } from "solid-js";
import { type ShopperMessage, shopperMessageSchema } from "../../../realtime/messages.ts";
import { applyCart } from "../shop/cart/cart.ts";
import type { Order } from "../shop/orders/orders.ts";
import { read } from "./http.ts";
import { api } from "./session.ts";

/** Milliseconds to add to this device's clock to get the server's: countdowns run on the server's time. */
const [clockOffset, setClockOffset] = createSignal(0);
type Coupons = Extract<ShopperMessage, { type: "coupons" }>["coupons"];

const [coupons, setCoupons] = createSignal<Coupons>([]);
/** Whether `coupons` holds what the server said (its snapshot, or a read made before it arrived). */
const [couponsKnown, setCouponsKnown] = createSignal(false);
const [orderUpdate, setOrderUpdate] = createSignal<Order | null>(null);
/** Whether the shopper's own socket is up (the dashboard's has its own state in the admin app). */
const [shopperConnected, setShopperConnected] = createSignal(false);

export { clockOffset, coupons, couponsKnown, orderUpdate, shopperConnected };

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
 * snapshot each connect brings, and drops any message older than what it already applied. Each
 * socket tells its own `onState` whether it is up.
 */
export function openRoom<M extends { type: string; version: number }>(
  party: string,
  room: string,
  parse: (data: unknown) => M | null,
  apply: (message: M) => void,
  onState: (up: boolean) => void,
) {
  let applied = -1;
  const socket = new PartySocket({
    host: location.host,
    party,
    room,
    query: ticket,
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

const syncClock = (serverTime: string) => setClockOffset(Date.parse(serverTime) - Date.now());

function adopt(list: Coupons, serverTime: string) {
  setCoupons(list);
  setCouponsKnown(true);
  syncClock(serverTime);
}

/**
 * My coupons as a read of `GET /coupons` found them: taken only until the room's snapshot arrives,
 * after which the room alone says what changed (a read may be older than its latest message).
 */
export function seedCoupons(list: Coupons, serverTime: string) {
  if (!couponsKnown()) adopt(list, serverTime);
}

export function connectShopper(userId: string): () => void {
  const close = openRoom<ShopperMessage>(
    "shopper",
    userId,
    (data) => shopperMessageSchema.safeParse(data).data ?? null,
    (message) => {
      if (message.type === "snapshot") {
        applyCart(message.cart);
        adopt(message.coupons, message.serverTime);
      } else if (message.type === "cart") {
        applyCart(message.cart);
      } else if (message.type === "coupons") {
        adopt(message.coupons, message.serverTime);
      } else if (message.type === "order") {
        setOrderUpdate(message.order);
      }
    },
    setShopperConnected,
  );
  // Signing out (or in as someone else) leaves nothing of this shopper's behind.
  return () => {
    close();
    setCoupons([]);
    setCouponsKnown(false);
    setOrderUpdate(null);
  };
}
