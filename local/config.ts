import { resolve } from "node:path";

export const root = resolve(import.meta.dirname, "..");

/** The local shop of `npm start`: fixed ports so that bookmarks and `.dev.vars` overrides keep working. */
export const dev = {
  workerPort: 8787,
  postgresDataDir: resolve(root, ".local/postgres"),
  secretsFile: resolve(root, ".local/dev-secrets.json"),
  database: "royal_shop",
  ports: { postgres: 54329, wsProxy: 54330, redisServer: 54331, redisRest: 54332, neonHttp: 54333 },
  redisToken: "royal-shop-local-token",
};

export const devDatabaseUrl = `postgres://postgres:postgres@localhost:${dev.ports.postgres}/${dev.database}`;

/** Keeps wrangler off the network: no metrics, no request.cf lookups. */
export const offlineWranglerEnv = { WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" };

/** Local-only worker settings that stand in for production secrets. */
export const devWorkerVars = {
  ENVIRONMENT: "development",
  WEB_ORIGIN: "",
  NOTIFIER: "development",
  PAYMENT_GATEWAY: "sandbox",
};
