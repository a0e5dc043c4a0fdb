import { createSignal } from "solid-js";
import { type ShopperMessage, shopperMessageSchema } from "../../../realtime/messages.ts";
import { applyCart } from "../shop/cart/cart.ts";
import type { Order } from "../shop/orders/orders.ts";
import { forgetRoomClock, syncClock } from "./clock.ts";
import { openRoom } from "./rooms.ts";

type Coupons = Extract<ShopperMessage, { type: "coupons" }>["coupons"];

const [coupons, setCoupons] = createSignal<Coupons>([]);
/** Whether `coupons` holds what the server said (its snapshot, or a read made before it arrived). */
const [couponsKnown, setCouponsKnown] = createSignal(false);
/** My orders as the room last said they are, each with when it arrived on this device. */
const [liveOrders, setLiveOrders] = createSignal<ReadonlyMap<string, { order: Order; arrived: number }>>(new Map());
/** Whether the shopper's own socket is up (the dashboard's has its own state in the admin app). */
const [shopperConnected, setShopperConnected] = createSignal(false);

export { coupons, couponsKnown, liveOrders, shopperConnected };

function adopt(list: Coupons, serverTime: string) {
  setCoupons(list);
  setCouponsKnown(true);
  syncClock(serverTime, "room");
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
        const order = message.order;
        setLiveOrders((orders) => new Map(orders).set(order.id, { order, arrived: Date.now() }));
      }
    },
    setShopperConnected,
  );
  // Signing out (or in as someone else) leaves nothing of this shopper's behind.
  return () => {
    close();
    setCoupons([]);
    setCouponsKnown(false);
    setLiveOrders(new Map());
    forgetRoomClock();
  };
}
