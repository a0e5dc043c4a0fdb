import { exports } from "cloudflare:workers";
import type { z } from "zod";
import type { CatalogMessage, DashboardMessage, OrderRoomMessage, ShopperMessage } from "../../realtime/messages.ts";

/** What a room sends: the rooms' own message types (realtime/messages.ts). */
export type RoomMessage = ShopperMessage | DashboardMessage | CatalogMessage | OrderRoomMessage;

/**
 * A socket opened through the worker's own router, collecting the messages `schema` validates (one of
 * the rooms' message schemas); `next(type)` answers the newest message of a type, narrowed to it.
 */
export async function openSocket<M extends RoomMessage>(path: string, schema: z.ZodType<M>) {
  const response = await exports.default.fetch(`http://shop.test${path}`, { headers: { Upgrade: "websocket" } });
  if (response.status !== 101) {
    const body: unknown = await response.json().catch(() => null);
    return { status: response.status, body, socket: null } as const;
  }
  const socket = response.webSocket as WebSocket;
  socket.accept();
  const received: M[] = [];
  let closed: { code: number; reason: string } | undefined;
  const wakers: (() => void)[] = [];
  const wake = () => {
    for (const w of wakers.splice(0)) w();
  };
  socket.addEventListener("message", (event) => {
    received.push(schema.parse(JSON.parse(String(event.data))));
    wake();
  });
  socket.addEventListener("close", (event) => {
    closed = { code: event.code, reason: event.reason };
    wake();
  });
  const until = async (predicate: () => boolean, what = "a message") => {
    const deadline = Date.now() + 8_000;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; received ${JSON.stringify(received)}`);
      await new Promise<void>((resolve) => {
        wakers.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  };
  const next = async <T extends M["type"]>(type: T): Promise<Extract<M, { type: T }>> => {
    await until(() => received.some((m) => m.type === type), type);
    const found = received.filter((m): m is Extract<M, { type: T }> => m.type === type).at(-1);
    if (!found) throw new Error(`no ${type} message`);
    return found;
  };
  return { status: 101, socket, received, until, next, closed: () => closed } as const;
}
