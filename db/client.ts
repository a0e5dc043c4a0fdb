import { neonConfig, Pool } from "@neondatabase/serverless";
import { drizzle, type NeonDatabase } from "drizzle-orm/neon-serverless";
import * as schema from "./schema.ts";

export type Database = NeonDatabase<typeof schema>;

export interface DatabaseConfig {
  DATABASE_URL: string;
  /** Local development only: the WebSocket-to-TCP proxy that stands in for Neon's (`host:port/v1`). */
  NEON_WS_PROXY?: string;
}

export interface DatabaseHandle {
  db: Database;
  close(): Promise<void>;
}

/**
 * A Neon Pool lives for one request: Workers cannot share sockets across requests.
 * The caller must `close()` it (in `waitUntil`) before the request ends.
 */
export function openDatabase(config: DatabaseConfig): DatabaseHandle {
  if (config.NEON_WS_PROXY) {
    const proxy = config.NEON_WS_PROXY;
    neonConfig.wsProxy = (host, port) => `${proxy}?address=${host}:${port}`;
    neonConfig.useSecureWebSocket = false;
    neonConfig.pipelineTLS = false;
  }
  const pool = new Pool({ connectionString: config.DATABASE_URL, max: 5, connectionTimeoutMillis: 5_000 });
  // Idle sockets torn down with the request surface here; without a listener they are uncaught.
  pool.on("error", () => {});
  let closed = false;
  return {
    db: drizzle({ client: pool, schema }),
    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end().catch(() => {});
    },
  };
}
