import { createRequire } from "node:module";
import { neonConfig } from "@neondatabase/serverless";
import pg from "pg";
import { inject } from "vitest";

export const stack = inject("localStack");
export const databaseUrl = stack.bindings.DATABASE_URL;
export const postgresPort = Number(new URL(databaseUrl).port);

// The driver runs here as in the worker: over a WebSocket to the proxy, or by fetch to the HTTP endpoint.
neonConfig.webSocketConstructor = createRequire(import.meta.url)("ws");
neonConfig.useSecureWebSocket = false;
neonConfig.pipelineTLS = false;

/** Points the driver's WebSocket at a `host:port/v1` proxy, as the worker does with NEON_WS_PROXY. */
export function useWsProxy(proxy: string) {
  neonConfig.wsProxy = (host, port) => `${proxy}?address=${host}:${port}`;
}

/** Points `neon()` at an HTTP endpoint, as the worker will with NEON_HTTP_ENDPOINT. */
export function useHttpEndpoint(url: string) {
  neonConfig.fetchEndpoint = url;
}

/** A plain `pg` client straight to Postgres, to look behind the endpoints. */
export async function direct(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  return client;
}

export async function elapsed<T>(run: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const value = await run();
  return [performance.now() - start, value];
}

/** Rejects with what `run` threw, and when it threw (ms after the call). */
export async function failure(run: () => Promise<unknown>): Promise<{ error: any; ms: number }> {
  const start = performance.now();
  try {
    await run();
  } catch (error) {
    return { error, ms: performance.now() - start };
  }
  throw new Error("expected a failure, but it succeeded");
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
