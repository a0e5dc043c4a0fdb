import type { Connection } from "partyserver";
import type { CatalogEvent, CatalogMessage } from "./messages.ts";
import { ShopRoom } from "./room.ts";

/**
 * The storefront's public room (`/parties/catalog/main`, no ticket): shoppers browsing the shop
 * see stock change as checkouts commit.
 */
export class CatalogRoom extends ShopRoom<CatalogMessage> {
  onConnect(connection: Connection) {
    this.sendTo(connection, this.stamp({ type: "welcome" }));
  }

  publish(event: CatalogEvent): Promise<number> {
    return this.broadcastNext(event);
  }
}
