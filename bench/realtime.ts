import { type ChildProcess, fork } from "node:child_process";
import type { ShopClient } from "./api.ts";
import { atExit } from "./cleanup.ts";
import type { Purchasable, Shopper } from "./dataset.ts";
import { percentile, runLoad } from "./load.ts";
import type { ReceiverCommand, ReceiverReply } from "./receiver.ts";

export interface RealtimeRow {
  sockets: number;
  /** From the commit (the room message's `committedAt`) to the arrival at each socket. */
  pushP50Ms: number;
  pushP99Ms: number;
  /** Pushes that arrived, of `expected` (every committed cart change at every socket). */
  delivered: number;
  expected: number;
  /** Deliveries per second to all sockets of the one room while cart changes come as fast as they can. */
  messagesPerSec: number;
}

class Receiver {
  readonly #child: ChildProcess;

  constructor() {
    this.#child = fork(new URL("./receiver.ts", import.meta.url), [], {
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    atExit(async () => {
      if (this.#child.exitCode === null) this.#child.kill();
    });
  }

  send(command: ReceiverCommand): void {
    this.#child.send(command);
  }

  ask<T extends ReceiverReply["type"]>(
    command: ReceiverCommand,
    answer: T,
  ): Promise<Extract<ReceiverReply, { type: T }>> {
    return new Promise((resolve, reject) => {
      const onMessage = (message: ReceiverReply) => {
        if (message.type !== answer && message.type !== "failed") return;
        this.#child.off("message", onMessage);
        if (message.type === "failed") reject(new Error(`realtime receiver: ${message.error}`));
        else resolve(message as Extract<ReceiverReply, { type: T }>);
      };
      this.#child.on("message", onMessage);
      this.#child.send(command);
    });
  }

  stop(): void {
    this.#child.disconnect();
  }
}

/**
 * Latency from a committed cart change to its arrival at every socket of the shopper's room, at each
 * socket count; then the room's throughput while 10 connections change the cart as fast as they can.
 */
export async function runRealtime(
  client: ShopClient,
  shopper: Shopper,
  unit: Purchasable,
  socketCounts: number[],
  settings: { pushes: number; throughputS: number },
  progress: (text: string) => void,
): Promise<RealtimeRow[]> {
  const receiver = new Receiver();
  const rows: RealtimeRow[] = [];
  const wsBase = client.base.replace(/^http/, "ws").replace(/\/api\/v1$/, "");
  try {
    for (const sockets of socketCounts) {
      const { ticket } = await client.expect(200, "/realtime/ticket", { method: "POST", token: shopper.token });
      const opened = await receiver.ask(
        {
          type: "open",
          url: `${wsBase}/parties/shopper/${shopper.userId}?ticket=${encodeURIComponent(ticket)}`,
          count: sockets,
        },
        "opened",
      );
      progress(
        `${sockets} sockets open in ${(opened.ms / 1000).toFixed(1)} s; ${settings.pushes} cart changes, one at a time`,
      );

      const cartVersion = async () => (await client.expect(200, "/cart", { token: shopper.token })).version as number;
      let version = await cartVersion();
      receiver.send({ type: "reset", sinceVersion: version });
      let expected = 0;
      for (let i = 0; i < settings.pushes; i++) {
        const cart = await client.expect(200, unit.path, {
          method: "PUT",
          token: shopper.token,
          body: { quantity: (i % 5) + 1 },
        });
        expected += sockets;
        version = cart.version;
        await receiver.ask({ type: "await", version: cart.version, count: sockets, timeoutMs: 10_000 }, "awaited");
      }
      const timed = await receiver.ask({ type: "report" }, "report");
      const latencies = timed.latencies.sort((a, b) => a - b);

      receiver.send({ type: "reset", sinceVersion: version });
      const startedAt = Date.now();
      const load = await runLoad({
        url: `${client.base}${unit.path}`,
        connections: 10,
        durationS: settings.throughputS,
        method: "PUT",
        headers: { authorization: `Bearer ${shopper.token}`, "content-type": "application/json" },
        body: JSON.stringify({ quantity: 1 }),
      });
      if (load.errors > 0) progress(`${load.errors} cart changes failed (${load.firstError})`);
      // Every committed change pushes once; changes still in flight when the load stopped count too.
      let settled = await cartVersion();
      for (let previous = -1; settled !== previous; ) {
        await new Promise((resolve) => setTimeout(resolve, 150));
        previous = settled;
        settled = await cartVersion();
      }
      const changes = settled - version;
      expected += changes * sockets;
      // Pushes still on their way when the load stops: wait until all arrived, or nothing came for a second.
      let burst = await receiver.ask({ type: "report" }, "report");
      for (let idle = 0; burst.deliveries < changes * sockets && idle < 5; ) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        const again = await receiver.ask({ type: "report" }, "report");
        idle = again.deliveries === burst.deliveries ? idle + 1 : 0;
        burst = again;
      }
      const seconds = burst.deliveries > 0 ? (burst.lastAt - startedAt) / 1000 : settings.throughputS;
      rows.push({
        sockets,
        pushP50Ms: percentile(latencies, 50),
        pushP99Ms: percentile(latencies, 99),
        delivered: timed.deliveries + burst.deliveries,
        expected,
        messagesPerSec: burst.deliveries / seconds,
      });
      await receiver.ask({ type: "close" }, "closed");
    }
  } finally {
    receiver.stop();
  }
  return rows;
}
