import { Redis } from "@upstash/redis/cloudflare";
import { createMiddleware } from "hono/factory";
import { type DatabaseHandle, openDatabase } from "../../db/client.ts";
import type { AppEnv, Bindings, Services } from "../env.ts";
import { createNotifier, type Notifier } from "../notifications/notifier.ts";
import { createLive, type Live } from "../services/live.service.ts";

/**
 * Builds the request's clients on first use and closes the database pool once the response is out
 * (a Neon Pool cannot outlive its request on Workers).
 */
export const services = createMiddleware<AppEnv>(async (c, next) => {
  const handle = lazyServices(c.env, (work) => c.executionCtx.waitUntil(work));
  c.set("services", handle.services);
  try {
    await next();
  } finally {
    c.executionCtx.waitUntil(handle.close());
  }
});

export function lazyServices(
  env: Bindings,
  waitUntil: (work: Promise<unknown>) => void = () => {},
): { services: Services; close(): Promise<void> } {
  let database: DatabaseHandle | undefined;
  let redis: Redis | undefined;
  let notifier: Notifier | undefined;
  let live: Live | undefined;
  return {
    services: {
      get live() {
        live ??= createLive(env, waitUntil);
        return live;
      },
      get notifier() {
        notifier ??= createNotifier(env, this.redis);
        return notifier;
      },
      get db() {
        database ??= openDatabase(env);
        return database.db;
      },
      get redis() {
        redis ??= new Redis({
          url: env.UPSTASH_REDIS_REST_URL,
          token: env.UPSTASH_REDIS_REST_TOKEN,
          retry: { retries: 1, backoff: () => 50 },
        });
        return redis;
      },
    },
    close: async () => {
      await database?.close();
    },
  };
}
