import { type ChildProcess, fork } from "node:child_process";
import { openSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { waitForHttp } from "../local/processes.ts";
import { atExit } from "./cleanup.ts";
import type { Target } from "./options.ts";
import type { HostMessage, ShopAddresses } from "./stack-host.ts";

/** A shop to measure, at a known distance from its data. */
export interface Shop extends ShopAddresses {
  rttMs: number;
  /** Started by the benchmark (and stopped by it), or a running one it only visits. */
  own: boolean;
}

/** A shop being started in its own process (see stack-host.ts), its output in `logFile`. */
export interface Launch {
  rttMs: number;
  logFile: string;
  /** Postgres, the proxies and Redis are up (migrated and seeded). */
  stackReady: Promise<void>;
  /** Starts wrangler dev (the web app must be built) and resolves once the shop answers. */
  startWorker(): Promise<Shop>;
}

export async function launchShop(rttMs: number, logFile: string): Promise<Launch> {
  await mkdir(dirname(logFile), { recursive: true });
  const log = openSync(logFile, "w");
  // A process group of its own: Ctrl-C reaches only the benchmark, which then stops each shop in order
  // (a signal straight to Postgres or redis-server would pull them from under the shop's own shutdown).
  const host: ChildProcess = fork(new URL("./stack-host.ts", import.meta.url), [String(rttMs)], {
    stdio: ["ignore", log, log, "ipc"],
    detached: true,
  });
  atExit(() => stopHost(host));

  const next = (type: HostMessage["type"]) =>
    new Promise<HostMessage>((resolve, reject) => {
      const onMessage = (message: HostMessage) => {
        if (message.type === "failed") {
          done();
          reject(new Error(`the shop at ${rttMs} ms did not start (log: ${logFile}):\n${message.error}`));
        } else if (message.type === type) {
          done();
          resolve(message);
        }
      };
      const onExit = (code: number | null) => {
        done();
        reject(new Error(`the shop at ${rttMs} ms exited (code ${code}) while starting; its log: ${logFile}`));
      };
      const done = () => {
        host.off("message", onMessage);
        host.off("exit", onExit);
      };
      host.on("message", onMessage);
      host.once("exit", onExit);
    });

  const stackReady = next("ready-stack").then(() => undefined);
  stackReady.catch(() => {});
  return {
    rttMs,
    logFile,
    stackReady,
    async startWorker() {
      await stackReady;
      const ready = next("ready");
      host.send({ type: "start-worker" });
      const message = (await ready) as Extract<HostMessage, { type: "ready" }>;
      return {
        rttMs,
        own: true,
        url: message.url,
        databaseUrl: message.databaseUrl,
        neonHttpUrl: message.neonHttpUrl,
      };
    },
  };
}

/** Asks the host to stop everything it started, and waits (it gives up on a hung step by itself). */
async function stopHost(host: ChildProcess): Promise<void> {
  if (host.exitCode !== null || host.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => host.once("exit", () => resolve()));
  if (host.connected) host.send({ type: "stop" });
  await exited;
}

/** A shop that is already running (`npm start`, or one of a test run): nothing to start or stop. */
export async function visitShop(target: Required<Target>): Promise<Shop> {
  await waitForHttp(`${target.url}/api/v1/health`, 10_000);
  return {
    rttMs: target.rttMs,
    own: false,
    url: target.url,
    databaseUrl: target.databaseUrl,
    neonHttpUrl: target.neonHttpUrl,
  };
}
