import type { ShopContext } from "../platform/context.ts";

/** Every catalog change bumps this; cached anonymous catalog reads are keyed by it, so the next read is fresh. */
export const catalogVersionKey = "catalog:version";

/**
 * The version as this isolate last read it, per Redis. A read uses it without asking Redis while it
 * is younger than `freshForMs`, and asks in the background (after answering) once older; past
 * `usableForMs` it waits for Redis. A change made through this isolate updates it at once, so its own
 * next read is fresh; other isolates follow within about a second under traffic, five at most.
 */
const known = new Map<string, { version: string; at: number; refreshing: boolean }>();
const freshForMs = 1_000;
const usableForMs = 5_000;

/**
 * Once Redis failed to answer, reads leave it alone this long: one read per isolate waits out its
 * deadline, not every one. Meanwhile the version last known keys the cache, or the cache is skipped.
 */
const backOffMs = 5_000;
const failedAt = new Map<string, number>();

type VersionContext = Pick<ShopContext, "redis" | "config">;

async function readVersion(ctx: VersionContext): Promise<string> {
  try {
    const version = String((await ctx.redis.get<number>(catalogVersionKey)) ?? 0);
    known.set(ctx.config.redisUrl, { version, at: Date.now(), refreshing: false });
    failedAt.delete(ctx.config.redisUrl);
    return version;
  } catch (error) {
    failedAt.set(ctx.config.redisUrl, Date.now());
    throw error;
  }
}

/**
 * The catalog version for keying a cached read: from memory when recent (no round trip), else from
 * Redis. `later` runs work after the response (the background check). Throws when Redis cannot
 * say, and the caller skips the cache.
 */
export async function catalogVersion(ctx: VersionContext, later: (work: Promise<unknown>) => void): Promise<string> {
  const memo = known.get(ctx.config.redisUrl);
  if (Date.now() - (failedAt.get(ctx.config.redisUrl) ?? Number.NEGATIVE_INFINITY) < backOffMs) {
    if (memo) return memo.version;
    throw new Error("Redis did not answer a moment ago");
  }
  const age = memo ? Date.now() - memo.at : Number.POSITIVE_INFINITY;
  if (!memo || age >= usableForMs) return readVersion(ctx);
  if (age >= freshForMs && !memo.refreshing) {
    memo.refreshing = true;
    later(
      readVersion(ctx).catch(() => {
        memo.refreshing = false;
      }),
    );
  }
  return memo.version;
}

export async function bumpCatalogVersion(ctx: VersionContext): Promise<void> {
  const version = await ctx.redis.incr(catalogVersionKey);
  known.set(ctx.config.redisUrl, { version: String(version), at: Date.now(), refreshing: false });
}
