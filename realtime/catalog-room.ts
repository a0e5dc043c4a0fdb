import type { Connection } from "partyserver";
import type { CatalogEvent, CatalogMessage, PromotionsEvent } from "./messages.ts";
import { ShopRoom } from "./room.ts";

/**
 * A product's public room (`/parties/catalog/<productId>`, no ticket): shoppers on its page see its
 * variants' stock change as checkouts commit. One room per product, so no room holds every shopper;
 * one more, `promotions`, tells open carts that the shop's promotions changed.
 */
export class CatalogRoom extends ShopRoom<CatalogMessage> {
  onConnect(connection: Connection) {
    this.sendTo(connection, this.stamp({ type: "welcome" }));
  }

  publish(event: CatalogEvent | PromotionsEvent): Promise<number> {
    return this.broadcastNext(event);
  }
}
