import type { Redis } from "@upstash/redis";
import type { Database } from "../db/client.ts";

/** The worker's bindings: those in wrangler.toml (generated `Env`) plus its secrets. */
export interface Bindings extends Env {
  DATABASE_URL: string;
  /** Local development only: the WebSocket-to-TCP proxy in front of Postgres. */
  NEON_WS_PROXY?: string;
  UPSTASH_REDIS_REST_URL: string;
  UPSTASH_REDIS_REST_TOKEN: string;
}

/** Per-request clients, built once by the services middleware. */
export interface Services {
  readonly db: Database;
  readonly redis: Redis;
}

export interface AppEnv {
  Bindings: Bindings;
  Variables: { requestId: string; services: Services };
}
