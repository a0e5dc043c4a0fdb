import { Redis } from "@upstash/redis/cloudflare";
import { type DatabaseHandle, openDatabase, type RoundTrips } from "../../db/client.ts";
import type { Bindings } from "../bindings.ts";
import type { Notifier } from "../notifications/message.ts";
import { createNotifier } from "../notifications/notifier.ts";
import { gatewayFor } from "../payments/gateways.ts";
import { configOf } from "./config.ts";
import type { ContextHandle, ShopContext } from "./context.ts";
import type { Live } from "./live.ts";
import { createLive } from "./pushes.ts";

/** Every Redis command gives up after this long: a hanging Redis costs a request seconds, never more. */
export const redisDeadlineMs = 3_000;
/** Every database statement gives up after this long. */
export const databaseDeadlineMs = 5_000;

/**
 * The one place where a request's (or a job's, or a room's) clients are made: each on first use,
 * the database pool closed by `close()` (a Neon Pool cannot outlive its request on Workers).
 */
export function createContext(env: Bindings, waitUntil: (work: Promise<unknown>) => void = () => {}): ContextHandle {
  let database: DatabaseHandle | undefined;
  let redis: Redis | undefined;
  let live: Live | undefined;
  let notifier: Notifier | undefined;
  const config = configOf(env);
  const trips: RoundTrips = { db: 0, dbMs: 0, redis: 0, redisMs: 0 };
  const openDb = () =>
    (database ??= openDatabase(env, {
      trips,
      deadlineMs: databaseDeadlineMs,
      prelude: () => ctx.session?.prelude(),
    }));
  const ctx: ShopContext = {
    config,
    trips,
    images: env.IMAGES,
    get db() {
      return openDb().db;
    },
    transaction: (work) => openDb().transaction(work),
    get redis() {
      redis ??= countedRedis(
        new Redis({
          url: env.UPSTASH_REDIS_REST_URL,
          token: env.UPSTASH_REDIS_REST_TOKEN,
          retry: { retries: 1, backoff: () => 50 },
          signal: () => AbortSignal.timeout(redisDeadlineMs),
        }),
        trips,
      );
      return redis;
    },
    get notifier() {
      notifier ??= createNotifier(env, this.redis);
      return notifier;
    },
    get live() {
      // Pushes read what they send with a context of their own: this one is closed by then.
      live ??= createLive(env, waitUntil, () => createContext(env));
      return live;
    },
    gateway: (name = config.paymentGateway) => gatewayFor(env, name),
    afterAnswer(what, work) {
      waitUntil(
        Promise.resolve()
          .then(work)
          .catch((error) =>
            console.error(JSON.stringify({ level: "warn", message: `${what} failed`, error: String(error) })),
          ),
      );
    },
  };
  return {
    ctx,
    close: async () => {
      await database?.close();
    },
  };
}

/**
 * Counts and times the Redis client's HTTP requests (a pipeline of commands is one). The client keeps
 * its requester as `client`; wrapping its `request` is the one place every command passes through.
 */
function countedRedis(redis: Redis, trips: RoundTrips): Redis {
  const requester = (redis as unknown as { client: { request: (req: unknown) => Promise<unknown> } }).client;
  const request = requester.request.bind(requester);
  requester.request = async (req) => {
    const started = performance.now();
    trips.redis += 1;
    try {
      return await request(req);
    } finally {
      trips.redisMs += performance.now() - started;
    }
  };
  return redis;
}
