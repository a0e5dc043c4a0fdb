import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { answer, client } from "../../test/support/client.ts";
import worker from "../index.ts";

/** Raw: the worker run on an environment of the test's own, which the typed client does not call. */
async function healthWith(overrides: Partial<typeof env>) {
  const ctx = createExecutionContext();
  const response = await worker.fetch(
    new Request("http://shop.test/api/v1/health"),
    { ...env, ...overrides } as Parameters<typeof worker.fetch>[1],
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return { status: response.status, body: await response.json() };
}

describe("GET /api/v1/health", () => {
  it("reports Postgres and Redis as ok when both answer", async () => {
    const { status, body, headers } = await answer(client().health.$get());
    expect(status).toBe(200);
    expect(body).toEqual({ status: "ok", db: "ok", redis: "ok" });
    expect(headers.get("cache-control")).toBe("no-store");
  });

  it("answers 503 and marks the database when Postgres is unreachable", async () => {
    const result = await healthWith({ DATABASE_URL: "postgres://postgres:postgres@localhost:1/royal_shop_test" });
    expect(result.status).toBe(503);
    expect(result.body).toEqual({ status: "degraded", db: "down", redis: "ok" });
  });

  it("answers 503 and marks Redis when its REST endpoint rejects the token", async () => {
    const result = await healthWith({ UPSTASH_REDIS_REST_TOKEN: "wrong-token" });
    expect(result.status).toBe(503);
    expect(result.body).toEqual({ status: "degraded", db: "ok", redis: "down" });
  });
});
