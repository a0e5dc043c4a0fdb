import { createRequire } from "node:module";

const { WebSocket } = createRequire(import.meta.url)("ws") as typeof import("ws");

/**
 * The receiving side of the realtime benchmark, in a process of its own so that the sender's work is
 * not counted as the shop's: it opens the sockets, stamps every arrival and reports over IPC.
 * A push's latency is its arrival time minus the `committedAt` the room message carries (the worker's
 * clock; the same machine's, so the same clock).
 */
export type ReceiverCommand =
  | { type: "open"; url: string; count: number }
  | { type: "await"; version: number; count: number; timeoutMs: number }
  /** Forgets what arrived so far and counts only cart versions above `sinceVersion` from now on. */
  | { type: "reset"; sinceVersion: number }
  | { type: "report" }
  | { type: "close" };

export type ReceiverReply =
  | { type: "opened"; sockets: number; ms: number }
  | { type: "awaited"; version: number; arrived: number }
  | { type: "report"; deliveries: number; latencies: number[]; firstAt: number; lastAt: number }
  | { type: "closed" }
  | { type: "failed"; error: string };

const now = () => performance.timeOrigin + performance.now();
const reply = (message: ReceiverReply) => process.send?.(message);

let sockets: InstanceType<typeof WebSocket>[] = [];
let latencies: number[] = [];
let deliveries = 0;
let firstAt = 0;
let lastAt = 0;
let sinceVersion = 0;
const arrivals = new Map<number, number>();
let waiting: { version: number; count: number; done: (arrived: number) => void } | undefined;

function onMessage(data: unknown) {
  const at = now();
  const message = JSON.parse(String(data));
  if (message.type !== "cart" || typeof message.committedAt !== "number") return;
  const version = message.cart.version as number;
  // A change of an earlier phase that committed late is not this phase's.
  if (version <= sinceVersion) return;
  deliveries += 1;
  firstAt ||= at;
  lastAt = at;
  latencies.push(at - message.committedAt);
  const arrived = (arrivals.get(version) ?? 0) + 1;
  arrivals.set(version, arrived);
  if (waiting && waiting.version === version && arrived >= waiting.count) waiting.done(arrived);
}

async function open(url: string, count: number) {
  const started = performance.now();
  // In batches: each connection reads the room's snapshot from Postgres before it is ready.
  for (let opened = 0; opened < count; opened += 250) {
    const batch = Array.from({ length: Math.min(250, count - opened) }, () => {
      const socket = new WebSocket(url);
      sockets.push(socket);
      return new Promise<void>((resolve, reject) => {
        // A push may reach a new socket before its snapshot (the room reads the snapshot from Postgres
        // first): it is not counted; the socket counts from its snapshot on.
        const untilSnapshot = (data: unknown) => {
          if (JSON.parse(String(data)).type !== "snapshot") return;
          socket.off("message", untilSnapshot);
          socket.on("message", onMessage);
          resolve();
        };
        socket.on("message", untilSnapshot);
        socket.once("error", reject);
        socket.once("close", (code, reason) => reject(new Error(`socket closed: ${code} ${reason}`)));
      });
    });
    await Promise.all(batch);
  }
  return performance.now() - started;
}

process.on("message", async (command: ReceiverCommand) => {
  try {
    if (command.type === "open") {
      const ms = await open(command.url, command.count);
      reply({ type: "opened", sockets: sockets.length, ms });
    } else if (command.type === "await") {
      const arrived = await new Promise<number>((resolve) => {
        const already = arrivals.get(command.version) ?? 0;
        if (already >= command.count) return resolve(already);
        const timer = setTimeout(() => {
          waiting = undefined;
          resolve(arrivals.get(command.version) ?? 0);
        }, command.timeoutMs);
        waiting = {
          version: command.version,
          count: command.count,
          done: (n) => {
            clearTimeout(timer);
            waiting = undefined;
            resolve(n);
          },
        };
      });
      reply({ type: "awaited", version: command.version, arrived });
    } else if (command.type === "reset") {
      sinceVersion = command.sinceVersion;
      latencies = [];
      deliveries = 0;
      firstAt = 0;
      lastAt = 0;
      arrivals.clear();
    } else if (command.type === "report") {
      reply({ type: "report", deliveries, latencies, firstAt, lastAt });
    } else if (command.type === "close") {
      for (const socket of sockets) {
        socket.removeAllListeners("close");
        socket.close();
      }
      sockets = [];
      reply({ type: "closed" });
    }
  } catch (error) {
    reply({ type: "failed", error: error instanceof Error ? error.message : String(error) });
  }
});
process.on("disconnect", () => process.exit(0));
