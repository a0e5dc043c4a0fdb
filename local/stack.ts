import { runMigrations } from "../db/migrate.ts";
import { runSeed } from "../db/seed.ts";
import { startFaultControl } from "./faults.ts";
import { simRttFromEnv } from "./latency.ts";
import { logger } from "./log.ts";
import { startNeonHttp } from "./neon-http.ts";
import { startPostgres } from "./postgres.ts";
import { type RedisEngine, startRedis } from "./redis.ts";
import { startWsProxy } from "./ws-proxy.ts";

export interface StackOptions {
  postgresDataDir: string;
  database: string;
  ports: { postgres: number; wsProxy: number; neonHttp: number; redisServer: number; redisRest: number };
  redisToken: string;
  /** Tests need the real engine; `npm start` falls back to the in-memory one. */
  requireRedisServer?: boolean;
  seed: boolean;
  /**
   * Simulated round trip to Postgres and Redis in ms, added by the WebSocket proxy (half each way), the
   * Neon HTTP endpoint and the Upstash endpoint (per request). Default: `ROYAL_SIM_RTT_MS`, else 0.
   */
  simRttMs?: number;
  /** Also start the fault-injection control server (tests), on a free port. */
  faultControl?: boolean;
}

/** What the worker needs to reach the local services, as its bindings. */
export interface StackBindings {
  DATABASE_URL: string;
  NEON_WS_PROXY: string;
  /** Neon's HTTP query endpoint for local Postgres (`http://127.0.0.1:<port>/sql`), for `neonConfig.fetchEndpoint`. */
  NEON_HTTP_ENDPOINT: string;
  UPSTASH_REDIS_REST_URL: string;
  UPSTASH_REDIS_REST_TOKEN: string;
}

export interface RunningStack {
  bindings: StackBindings;
  redisEngine: RedisEngine;
  /** The simulated round trip in force, in ms (0: none). */
  simRttMs: number;
  /** The fault-injection control server, when asked for (`http://127.0.0.1:<port>`). */
  faultsUrl?: string;
  stop(): Promise<void>;
}

/**
 * Starts Postgres, the Neon-style WebSocket proxy and HTTP endpoint and the Upstash-style Redis endpoint,
 * then migrates and seeds.
 */
export async function startStack(opts: StackOptions): Promise<RunningStack> {
  const simRttMs = opts.simRttMs ?? simRttFromEnv();
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const fn of stops.reverse()) await fn().catch(() => {});
  };
  try {
    const pgLog = logger("postgres");
    const postgres = await startPostgres({
      dataDir: opts.postgresDataDir,
      port: opts.ports.postgres,
      database: opts.database,
      log: pgLog,
    });
    stops.push(postgres.stop);

    const postgresAddress = { host: "127.0.0.1", port: opts.ports.postgres };
    const proxy = await startWsProxy({
      port: opts.ports.wsProxy,
      allow: [`localhost:${opts.ports.postgres}`, `127.0.0.1:${opts.ports.postgres}`],
      rttMs: simRttMs,
      log: logger("ws-proxy"),
    });
    stops.push(proxy.stop);

    const httpLog = logger("neon-http");
    const neonHttp = await startNeonHttp({
      port: opts.ports.neonHttp,
      postgres: postgresAddress,
      rttMs: simRttMs,
      log: httpLog,
    });
    stops.push(neonHttp.stop);
    httpLog.info(`Neon HTTP endpoint on ${neonHttp.url}`);

    const redisLog = logger("redis");
    const redis = await startRedis({
      restPort: opts.ports.redisRest,
      serverPort: opts.ports.redisServer,
      token: opts.redisToken,
      log: redisLog,
      requireServer: opts.requireRedisServer,
      rttMs: simRttMs,
    });
    stops.push(redis.stop);
    redisLog.info(
      redis.engine === "redis-server"
        ? `Upstash REST endpoint on ${redis.url}, backed by redis-server on port ${opts.ports.redisServer}`
        : `Upstash REST endpoint on ${redis.url}, backed by the in-memory engine (install redis-server for the real one)`,
    );

    let faultsUrl: string | undefined;
    if (opts.faultControl) {
      const control = await startFaultControl({
        postgres: postgresAddress,
        neonHttpUrl: neonHttp.url,
        redisUrl: redis.url,
        rttMs: simRttMs,
        log: logger("faults"),
      });
      stops.push(control.stop);
      faultsUrl = control.url;
    }

    await runMigrations(postgres.url);
    pgLog.info("migrations applied");
    if (opts.seed) {
      const seeded = await runSeed(postgres.url);
      pgLog.info(
        `demo data loaded: ${seeded.products} products, accounts ${seeded.users.map((u) => `${u.username} / ${u.password}`).join(", ")}`,
      );
    }

    return {
      bindings: {
        DATABASE_URL: postgres.url,
        NEON_WS_PROXY: proxy.url,
        NEON_HTTP_ENDPOINT: neonHttp.url,
        UPSTASH_REDIS_REST_URL: redis.url,
        UPSTASH_REDIS_REST_TOKEN: redis.token,
      },
      redisEngine: redis.engine,
      simRttMs,
      faultsUrl,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
