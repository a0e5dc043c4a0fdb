import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { devWorkerVars } from "../local/config.ts";
import { logger } from "../local/log.ts";
import { freePort } from "../local/ports.ts";
import { stopService, waitForHttp } from "../local/processes.ts";
import { generateSecrets } from "../local/secrets.ts";
import { startWranglerDev } from "../local/worker.ts";
import { startTestStack } from "../test/setup/test-stack.ts";

/**
 * One throwaway shop in a process of its own: Postgres, the Neon-style proxies and the Upstash endpoint
 * (which run in Node), and `wrangler dev`. The load generator lives in the parent, so it never shares an
 * event loop with the proxies in front of Postgres and Redis.
 *
 * Protocol over IPC: → `ready-stack`; ← `start-worker` (once the web app is built); → `ready` with the
 * shop's addresses; ← `stop`, or the parent gone, or a signal: everything stops, then the process exits.
 */
export interface ShopAddresses {
  url: string;
  databaseUrl: string;
  neonHttpUrl: string;
}

export type HostMessage =
  | { type: "ready-stack" }
  | ({ type: "ready" } & ShopAddresses)
  | { type: "failed"; error: string };

const send = (message: HostMessage) => process.send?.(message);
const rttMs = Number(process.argv[2] ?? 0);
const stops: (() => Promise<void>)[] = [];
let stopping: Promise<void> | undefined;

function stopAll(code: number) {
  stopping ??= (async () => {
    // Keeps the process alive while it stops: an empty event loop would end it with a step still
    // awaited (a server left running); a step that hangs is given up after a while instead.
    const alive = setInterval(() => {}, 1_000);
    const deadline = setTimeout(() => {
      console.error("the shop did not stop within 60 s; leaving");
      process.exit(1);
    }, 60_000);
    while (stops.length > 0)
      await stops
        .pop()?.()
        .catch((error: Error) => console.error(`stopping: ${error.message}`));
    clearTimeout(deadline);
    clearInterval(alive);
    process.exit(code);
  })();
  return stopping;
}

let startWorker: () => void = () => {};
const workerWanted = new Promise<void>((resolve) => {
  startWorker = resolve;
});
process.on("message", (message: { type: string }) => {
  if (message.type === "stop") void stopAll(0);
  if (message.type === "start-worker") startWorker();
});
process.on("disconnect", () => void stopAll(0));
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void stopAll(130));

try {
  const stack = await startTestStack({ simRttMs: rttMs });
  stops.push(stack.stop);
  send({ type: "ready-stack" });
  await workerWanted;

  const persistTo = await mkdtemp(join(tmpdir(), "royal-bench-wrangler-"));
  const secrets = await generateSecrets();
  stops.push(() => rm(persistTo, { recursive: true, force: true }));
  // Two wrangler dev starting at once may pick the same free port for their inspector, and one of them
  // exits: it is started again (on fresh ports), twice at most.
  let url = "";
  for (let attempt = 1; !url; attempt++) {
    const port = await freePort();
    const worker = startWranglerDev({
      port,
      vars: { ...devWorkerVars, ...stack.bindings, ...secrets },
      persistTo,
      log: logger("worker"),
    });
    const stop = () => stopService(worker);
    stops.push(stop);
    const exited = new Promise<"exited">((resolve) => worker.once("exit", () => resolve("exited")));
    const answered = waitForHttp(`http://127.0.0.1:${port}/api/v1/health`, 60_000).then(() => "answered" as const);
    answered.catch(() => {}); // still polling when the process exited: its end is of no interest then
    if ((await Promise.race([answered, exited])) === "answered") url = `http://127.0.0.1:${port}`;
    else if (attempt === 3) throw new Error("wrangler dev exited three times while starting (see the log above)");
    else stops.splice(stops.indexOf(stop), 1);
  }
  send({
    type: "ready",
    url,
    databaseUrl: stack.bindings.DATABASE_URL,
    neonHttpUrl: stack.bindings.NEON_HTTP_ENDPOINT,
  });
} catch (error) {
  send({ type: "failed", error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  await stopAll(1);
}
