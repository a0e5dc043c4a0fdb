import { Redis } from "@upstash/redis/cloudflare";
import { type DatabaseHandle, openDatabase } from "../../db/client.ts";
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
  const ctx: ShopContext = {
    config,
    images: env.IMAGES,
    get db() {
      database ??= openDatabase(env);
      return database.db;
    },
    get redis() {
      redis ??= new Redis({
        url: env.UPSTASH_REDIS_REST_URL,
        token: env.UPSTASH_REDIS_REST_TOKEN,
        retry: { retries: 1, backoff: () => 50 },
        signal: () => AbortSignal.timeout(redisDeadlineMs),
      });
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
  };
  return {
    ctx,
    close: async () => {
      await database?.close();
    },
  };
}
