import type { Connection, ConnectionContext } from "partyserver";
import { shopperCoupons, shopperSnapshot } from "../worker/platform/snapshots.ts";
import type { MyCoupon } from "../worker/schemas/coupons.ts";
import type { ShopperEvent, ShopperMessage } from "./messages.ts";
import { CheckedRoom, claimsOf, forLiveSession } from "./room.ts";

/**
 * One room per shopper (`/parties/shopper/<userId>`): every tab and device of theirs sees the cart,
 * their coupons (with the server's clock for countdowns) and their orders change as they change.
 * Postgres is the source of truth: a snapshot is read from it on connect and when a coupon expires.
 */
export class ShopperRoom extends CheckedRoom<ShopperMessage> {
  private get userId(): string {
    return this.name;
  }

  async onConnect(connection: Connection, { request }: ConnectionContext) {
    const snapshot = await forLiveSession(connection, () => shopperSnapshot(this.env, this.userId, claimsOf(request)));
    if (!snapshot) return;
    const { cart, coupons } = snapshot;
    this.sendTo(
      connection,
      this.stamp({ type: "snapshot", cart, coupons: coupons.items, serverTime: coupons.serverTime }),
    );
    await this.scheduleExpiry(coupons.items);
  }

  /** Called by the worker after a change has committed. */
  async publish(event: ShopperEvent): Promise<number> {
    if (event.type === "coupons") await this.scheduleExpiry(event.coupons);
    return this.broadcastNext(event);
  }

  /** At the next coupon expiry: the fresh list from Postgres, to every device. */
  async onAlarm() {
    const coupons = await shopperCoupons(this.env, this.userId);
    await this.broadcastNext({ type: "coupons", coupons: coupons.items, serverTime: coupons.serverTime });
    await this.scheduleExpiry(coupons.items);
  }

  private async scheduleExpiry(coupons: MyCoupon[]) {
    const next = coupons
      .map((c) => Date.parse(c.expiresAt))
      .filter((t) => t > Date.now())
      .sort((a, b) => a - b)[0];
    if (next === undefined) await this.ctx.storage.deleteAlarm();
    else await this.ctx.storage.setAlarm(next);
  }
}
