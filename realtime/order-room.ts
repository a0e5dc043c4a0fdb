import type { Connection } from "partyserver";
import { guestOrderSnapshot } from "../worker/platform/snapshots.ts";
import type { OrderRoomEvent, OrderRoomMessage } from "./messages.ts";
import { ShopRoom } from "./room.ts";

/**
 * A guest's order room (`/parties/order/<orderId>?key=<its key>`): every tab with the order's link
 * sees it move on (paid, shipped, expired…) as it does. The worker admits only the order's key; the
 * order, read from Postgres on connect, is the snapshot.
 */
export class OrderRoom extends ShopRoom<OrderRoomMessage> {
  async onConnect(connection: Connection) {
    const order = await guestOrderSnapshot(this.env, this.name);
    if (order) this.sendTo(connection, this.stamp({ type: "snapshot", order }));
  }

  publish(event: OrderRoomEvent): Promise<number> {
    return this.broadcastNext(event);
  }
}
