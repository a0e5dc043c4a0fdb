import type { Redis } from "@upstash/redis";
import type { Database } from "../db/client.ts";

/** The worker's secrets, beside the bindings that `wrangler types` generates from wrangler.toml. */
interface Secrets {
  DATABASE_URL: string;
  /** Local development only: the WebSocket-to-TCP proxy in front of Postgres. */
  NEON_WS_PROXY?: string;
  UPSTASH_REDIS_REST_URL: string;
  UPSTASH_REDIS_REST_TOKEN: string;
}

declare global {
  namespace Cloudflare {
    interface Env extends Secrets {}
  }
  interface Env extends Secrets {}
}

export type Bindings = Cloudflare.Env;

/** Per-request clients, built once by the services middleware. */
export interface Services {
  readonly db: Database;
  readonly redis: Redis;
}

export interface AppEnv {
  Bindings: Bindings;
  Variables: { requestId: string; services: Services };
}
