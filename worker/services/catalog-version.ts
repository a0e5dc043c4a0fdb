import type { Redis } from "@upstash/redis/cloudflare";

/** Every catalog change bumps this; cached anonymous catalog reads are keyed by it, so the next read is fresh. */
export const catalogVersionKey = "catalog:version";
export const bumpCatalogVersion = (redis: Redis) => redis.incr(catalogVersionKey);
