import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env.ts";
import { catalogVersion } from "../services/catalog-version.ts";

export const catalogTtlSeconds = 30;

/**
 * Anonymous catalog reads are served from the edge cache for a short while, keyed by the catalog
 * version that every admin change bumps: after a change the key is new, so the next read is fresh.
 * A hit costs no round trip: the version comes from the isolate's memory while it is recent
 * (services/catalog-version.ts).
 * Responses carry an ETag; a matching If-None-Match answers 304. Redis trouble only skips the cache.
 */
export const edgeCached = createMiddleware<AppEnv>(async (c, next) => {
  if (c.req.method !== "GET" || c.req.header("authorization")) return next();
  let version: string;
  try {
    version = await catalogVersion(c.get("ctx"), (work) => c.executionCtx.waitUntil(work));
  } catch {
    return next();
  }
  const url = new URL(c.req.url);
  url.searchParams.sort();
  url.searchParams.set("__catalog", version);
  const key = new Request(url.toString());
  const cache = caches.default;

  let response = await cache.match(key);
  if (!response) {
    await next();
    if (c.res.status !== 200) return;
    const body = await c.res.clone().arrayBuffer();
    const digest = await crypto.subtle.digest("SHA-1", body);
    const etag = `W/"${version}-${[...new Uint8Array(digest)]
      .slice(0, 10)
      .map((b) => b.toString(16).padStart(2, "0"))
      .join("")}"`;
    const headers = new Headers(c.res.headers);
    headers.set("etag", etag);
    headers.set("cache-control", `public, max-age=0, s-maxage=${catalogTtlSeconds}, must-revalidate`);
    response = new Response(body, { status: 200, headers });
    c.executionCtx.waitUntil(cache.put(key, response.clone()));
    c.res = response;
  } else {
    c.res = new Response(response.body, response);
    c.header("x-cache", "hit");
  }
  const etag = c.res.headers.get("etag");
  if (etag && c.req.header("if-none-match") === etag) {
    c.res = new Response(null, {
      status: 304,
      headers: { etag, "cache-control": c.res.headers.get("cache-control") ?? "" },
    });
  }
});
