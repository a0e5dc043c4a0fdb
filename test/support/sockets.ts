import { exports } from "cloudflare:workers";
import type { z } from "zod";

/** A socket opened through the worker's own router, collecting validated messages. */
export async function openSocket<S extends z.ZodType>(path: string, schema: S) {
  const response = await exports.default.fetch(`http://shop.test${path}`, { headers: { Upgrade: "websocket" } });
  if (response.status !== 101) {
    return { status: response.status, body: (await response.json().catch(() => null)) as any, socket: null } as const;
  }
  const socket = response.webSocket as WebSocket;
  socket.accept();
  const received: z.infer<S>[] = [];
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
  const next = async (type: string) => {
    await until(() => received.some((m: any) => m.type === type), type);
    return received.filter((m: any) => m.type === type).at(-1) as any;
  };
  return { status: 101, socket, received, until, next, closed: () => closed } as const;
}
