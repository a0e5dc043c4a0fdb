import { dev, devWorkerVars, root } from "./config.ts";
import { simRttEnvVar } from "./latency.ts";
import { logger } from "./log.ts";
import { isPortFree } from "./ports.ts";
import { stopService, waitForHttp } from "./processes.ts";
import { loadOrCreateSecrets } from "./secrets.ts";
import { startStack } from "./stack.ts";
import { watchWeb } from "./web.ts";
import { startWranglerDev } from "./worker.ts";

/** `npm start`: the whole shop on this machine, stopped together with Ctrl-C. */
const log = logger("royal");
const startedAt = performance.now();
const cleanups: (() => Promise<void>)[] = [];
let stopping = false;

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  log.info("stopping…");
  for (const cleanup of cleanups.reverse()) await cleanup().catch((error) => log.error(String(error)));
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
process.on("SIGHUP", () => void shutdown(0));

try {
  if (!(await isPortFree(dev.workerPort)))
    throw new Error(`port ${dev.workerPort} is in use; is the shop already running?`);

  const stack = await startStack({
    postgresDataDir: dev.postgresDataDir,
    database: dev.database,
    ports: dev.ports,
    redisToken: dev.redisToken,
    seed: true,
  });
  cleanups.push(stack.stop);
  if (stack.simRttMs > 0) {
    log.info(
      `simulated distance: every round trip to Postgres and Redis takes ${stack.simRttMs} ms more (${simRttEnvVar})`,
    );
  }

  const web = await watchWeb(logger("web"));
  cleanups.push(web.close);

  const wrangler = startWranglerDev({
    port: dev.workerPort,
    vars: { ...devWorkerVars, ...stack.bindings, ...(await loadOrCreateSecrets(dev.secretsFile)) },
    log: logger("worker"),
  });
  cleanups.push(() => stopService(wrangler));
  wrangler.once("exit", (code) => {
    if (!stopping) {
      log.error(`wrangler dev exited (code ${code}); stopping the other services`);
      void shutdown(1);
    }
  });

  const url = `http://localhost:${dev.workerPort}`;
  await waitForHttp(`${url}/api/v1/health`, 60_000);
  // wrangler dev does not fire cron triggers: run the scheduled jobs (reservation expiry, coupon purge) every minute.
  const cron = setInterval(() => void fetch(`${url}/cdn-cgi/local/scheduled`).catch(() => undefined), 60_000);
  cleanups.push(async () => clearInterval(cron));
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  log.info(
    [
      `Royal Shop is ready at ${url} (${seconds} s)`,
      `  API docs   ${url}/api/v1/docs`,
      `  Health     ${url}/api/v1/health`,
      ...(stack.simRttMs > 0 ? [`  Distance   +${stack.simRttMs} ms per round trip to Postgres and Redis`] : []),
      `  Redis      ${stack.redisEngine === "redis-server" ? "redis-server" : "in-memory engine (install redis-server for the real one)"}`,
      "  Demo accounts (development only):",
      "    admin    admin@royal.shop / royal-admin",
      "    shopper  shopper@royal.shop / royal-shopper",
      `  Data in ${dev.postgresDataDir.replace(`${root}/`, "")} (npm run db:reset wipes it). Ctrl-C stops everything.`,
    ].join("\n"),
  );
} catch (error) {
  log.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  await shutdown(1);
}
