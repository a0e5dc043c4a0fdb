import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../../local/ports.ts";
import { type RunningStack, startStack } from "../../local/stack.ts";

export interface TestStackOptions {
  /** Simulated round trip in ms (default: `ROYAL_SIM_RTT_MS`, else 0). */
  simRttMs?: number;
  /** Start the fault-injection control server too (its URL is `faultsUrl`). */
  faultControl?: boolean;
  /** Migrate and seed (default); without the seed the schema is still migrated. */
  seed?: boolean;
}

/**
 * A throwaway copy of the local platform for one test run: fresh Postgres (migrated and seeded),
 * the WebSocket proxy, the Neon HTTP endpoint and the Upstash endpoint on a real redis-server, all on
 * free ports.
 */
export async function startTestStack(opts: TestStackOptions = {}): Promise<RunningStack> {
  const dir = await mkdtemp(join(tmpdir(), "royal-shop-test-"));
  // PostgreSQL runs as the `postgres` user, which must be able to enter the folder.
  await chmod(dir, 0o755);
  try {
    const stack = await startStack({
      postgresDataDir: join(dir, "postgres"),
      database: "royal_shop_test",
      ports: {
        postgres: await freePort(),
        wsProxy: await freePort(),
        neonHttp: await freePort(),
        redisServer: await freePort(),
        redisRest: await freePort(),
      },
      redisToken: "royal-shop-test-token",
      requireRedisServer: true,
      seed: opts.seed ?? true,
      simRttMs: opts.simRttMs,
      faultControl: opts.faultControl,
    });
    return {
      ...stack,
      stop: async () => {
        await stack.stop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
