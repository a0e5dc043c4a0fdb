import { type Connection, Server, type WSMessage } from "partyserver";
import type { Bindings } from "../worker/env.ts";
import { type CatalogEvent, type CatalogMessage, maxClientFrameBytes } from "./messages.ts";

/**
 * The storefront's public room (`/parties/catalog/main`): shoppers browsing the shop see stock
 * change as it changes. The worker publishes after its transaction commits; Postgres stays the
 * source of truth and the room only relays.
 */
export class CatalogRoom extends Server<Bindings> {
  static options = { hibernate: true };
  private version = 0;

  async onStart() {
    this.version = (await this.ctx.storage.get<number>("version")) ?? 0;
  }

  onConnect(connection: Connection) {
    this.send(connection, { type: "welcome", version: this.version });
  }

  onMessage(connection: Connection, message: WSMessage) {
    const size = typeof message === "string" ? message.length : message.byteLength;
    if (size > maxClientFrameBytes) {
      connection.close(1009, "frame too large");
      return;
    }
    this.send(connection, {
      type: "error",
      version: this.version,
      code: "read_only",
      message: "The catalog room only sends; it accepts no messages.",
    });
  }

  async publish(event: CatalogEvent): Promise<number> {
    this.version += 1;
    await this.ctx.storage.put("version", this.version);
    this.broadcast(JSON.stringify({ ...event, version: this.version } satisfies CatalogMessage));
    return this.version;
  }

  private send(connection: Connection, message: CatalogMessage) {
    connection.send(JSON.stringify(message));
  }
}
