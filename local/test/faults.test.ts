import { connect } from "node:net";
import { Client, NeonDbError, neon } from "@neondatabase/serverless";
import { Redis } from "@upstash/redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFaultProxy, type FaultProxy } from "../fault-api.ts";
import { startFaultControl } from "../faults.ts";
import { delay } from "../latency.ts";
import { logger } from "../log.ts";
import { databaseUrl, direct, elapsed, failure, postgresPort, stack, useHttpEndpoint, useWsProxy } from "./helpers.ts";

const control = stack.faultsUrl;
const proxies: FaultProxy[] = [];

async function proxy(target: Parameters<typeof createFaultProxy>[1]) {
  const made = await createFaultProxy(control, target);
  proxies.push(made);
  return made;
}

/** A Neon Client (Postgres protocol over WebSocket) through the given proxy, as the worker's Pool uses. */
function wsClient(proxyUrl: string, config: { connectionTimeoutMillis?: number; query_timeout?: number } = {}) {
  useWsProxy(proxyUrl);
  const client = new Client({ connectionString: databaseUrl, ...config });
  client.on("error", () => {});
  return client;
}

function redisThrough(url: string, timeoutMs?: number) {
  return new Redis({
    url,
    token: stack.bindings.UPSTASH_REDIS_REST_TOKEN,
    // One attempt: `retry: false` still makes two in @upstash/redis 1.39.
    retry: { retries: 0 },
    enableAutoPipelining: false,
    ...(timeoutMs ? { signal: () => AbortSignal.timeout(timeoutMs) } : {}),
  });
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** Waits until Postgres has let go of the row (the cut transaction rolled back), then reads it. */
async function afterRollback(id: number): Promise<{ n: number; waitedMs: number }> {
  const client = await direct();
  try {
    await client.query("SET lock_timeout = '3s'");
    const [waitedMs, result] = await elapsed(() =>
      client.query("UPDATE fault_counters SET n = n WHERE id = $1 RETURNING n", [id]),
    );
    return { n: result.rows[0].n, waitedMs };
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  const client = await direct();
  await client.query(`
    DROP TABLE IF EXISTS fault_counters;
    CREATE TABLE fault_counters (id int PRIMARY KEY, n int NOT NULL);
    INSERT INTO fault_counters SELECT i, 0 FROM generate_series(1, 10) AS i;
  `);
  await client.end();
});

afterAll(async () => {
  await Promise.all(proxies.map((p) => p.close().catch(() => {})));
});

describe("the fault control API", () => {
  it("makes a proxy per target, with the URL each binding needs", async () => {
    const ws = await proxy("postgres-ws");
    const http = await proxy("postgres-http");
    const redis = await proxy("redis");
    expect(ws.state).toMatchObject({ target: "postgres-ws", binding: "NEON_WS_PROXY", mode: "pass", connections: 0 });
    expect(ws.url).toMatch(/^127\.0\.0\.1:\d+\/v1$/);
    expect(http.state).toMatchObject({ target: "postgres-http", binding: "NEON_HTTP_ENDPOINT", mode: "pass" });
    expect(http.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/sql$/);
    expect(redis.state).toMatchObject({ target: "redis", binding: "UPSTASH_REDIS_REST_URL", mode: "pass" });
    expect(redis.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(new Set([ws.url, http.url, redis.url].map((u) => u.match(/:(\d+)/)?.[1])).size).toBe(3);

    expect((await ws.setMode("hang")).mode).toBe("hang");
    expect((await fetch(`${control}/proxies/${ws.id}`)).status).toBe(200);
    expect((await ws.cutAfterMessages(3)).cutAfterMessages).toBe(3);
    expect((await ws.refresh()).mode).toBe("hang");
    const listed = await (await fetch(`${control}/proxies`)).json();
    expect(listed.proxies.map((p: { id: string }) => p.id)).toContain(ws.id);
  });

  it("refuses what it cannot do, and stops a deleted proxy", async () => {
    const post = (body: unknown) =>
      fetch(`${control}/proxies`, { method: "POST", body: JSON.stringify(body) }).then((r) => r.status);
    expect(await post({ target: "mysql" })).toBe(400);
    expect(await post({ target: "redis", mode: "slow" })).toBe(400);
    expect(await post({ target: "redis", cutAfterMessages: 2 })).toBe(400);
    expect(await post({ target: "postgres-ws", cutAfterMessages: -1 })).toBe(400);
    expect((await fetch(`${control}/proxies/nope`)).status).toBe(404);

    const redis = await proxy("redis");
    const port = Number(redis.url.split(":").at(-1));
    expect(await portAnswers(port)).toBe(true);
    await redis.close();
    expect(await portAnswers(port)).toBe(false);
    expect((await fetch(`${control}/proxies/${redis.id}`)).status).toBe(404);
  });

  it("stops every proxy with the control server", async () => {
    const own = await startFaultControl({
      postgres: { host: "127.0.0.1", port: postgresPort },
      neonHttpUrl: stack.bindings.NEON_HTTP_ENDPOINT,
      redisUrl: stack.bindings.UPSTASH_REDIS_REST_URL,
      rttMs: 0,
      log: logger("faults"),
    });
    const ws = await createFaultProxy(own.url, "postgres-ws");
    const client = wsClient(ws.url);
    await client.connect();
    await own.stop();
    expect(await portAnswers(Number(ws.url.split(/[:/]/)[1]))).toBe(false);
    await expect(client.query("SELECT 1")).rejects.toThrow();
  });
});

describe("Postgres over WebSocket through a dedicated proxy", () => {
  it("passes traffic in pass mode", async () => {
    const p = await proxy("postgres-ws");
    const client = wsClient(p.url);
    await client.connect();
    expect((await client.query("SELECT 41 + 1 AS n")).rows).toEqual([{ n: 42 }]);
    expect((await p.refresh()).connections).toBe(1);
    await client.end();
  });

  it("refuse: a new connection fails at once, and live ones are reset", async () => {
    const p = await proxy("postgres-ws");
    const live = wsClient(p.url);
    await live.connect();
    await p.setMode("refuse");
    const { ms } = await failure(() => wsClient(p.url, { connectionTimeoutMillis: 5_000 }).connect());
    expect(ms).toBeLessThan(1_000);
    await expect(live.query("SELECT 1")).rejects.toThrow();
    await p.setMode("pass");
    const again = wsClient(p.url);
    await again.connect();
    expect((await again.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
    await again.end();
  });

  it("hang: a connection is accepted and never answered, until the client's own timeout", async () => {
    const p = await proxy("postgres-ws");
    await p.setMode("hang");
    const { error, ms } = await failure(() => wsClient(p.url, { connectionTimeoutMillis: 300 }).connect());
    // The driver gives up by closing its socket: either message may surface.
    expect(String(error.message)).toMatch(/timeout|closed before the connection was established/i);
    expect(ms).toBeGreaterThanOrEqual(290);
    expect(ms).toBeLessThan(2_000);
    expect((await p.refresh()).messages).toBe(0);
  });

  it("hang on a live connection stalls it (query timeout), and nothing is lost when it passes again", async () => {
    const p = await proxy("postgres-ws");
    const timed = wsClient(p.url, { query_timeout: 300 });
    await timed.connect();
    await p.setMode("hang");
    const { error, ms } = await failure(() => timed.query("SELECT 1"));
    expect(String(error.message)).toMatch(/timeout/i);
    expect(ms).toBeGreaterThanOrEqual(290);

    await p.setMode("pass");
    const stalled = wsClient(p.url);
    await stalled.connect();
    await p.setMode("hang");
    const answer = stalled.query("SELECT 'late' AS word");
    await delay(250);
    await p.setMode("pass");
    const [waited, result] = await elapsed(() => answer);
    expect(result.rows).toEqual([{ word: "late" }]);
    expect(waited).toBeLessThan(1_000);
    await stalled.end();
    await timed.end().catch(() => {});
  });

  it("cut: a transaction in flight fails and Postgres rolls it back", async () => {
    const p = await proxy("postgres-ws");
    const client = wsClient(p.url);
    await client.connect();
    await client.query("BEGIN");
    await client.query("UPDATE fault_counters SET n = n + 1 WHERE id = 1");
    expect(await p.cut()).toBe(1);
    await expect(client.query("COMMIT")).rejects.toThrow();
    const after = await afterRollback(1);
    expect(after.n).toBe(0);
    expect(after.waitedMs).toBeLessThan(2_000);
    expect((await p.refresh()).connections).toBe(0);
  });

  it("cutAfterMessages: the connection drops when the message after the n-th arrives, which never reaches Postgres", async () => {
    const p = await proxy("postgres-ws");
    const client = wsClient(p.url);
    await client.connect();
    await client.query("BEGIN");
    const before = (await p.refresh()).messages;
    await client.query("UPDATE fault_counters SET n = n + 1 WHERE id = 2");
    const perQuery = (await p.refresh()).messages - before;
    expect(perQuery).toBe(1);
    // Everything so far, plus one more statement, passes; the COMMIT after it is where the line goes down.
    await p.cutAfterMessages(before + 2 * perQuery);
    await client.query("UPDATE fault_counters SET n = n + 1 WHERE id = 2");
    await expect(client.query("COMMIT")).rejects.toThrow();
    expect((await afterRollback(2)).n).toBe(0);
    expect((await p.refresh()).messages).toBe(before + 2);
  });
});

describe("Postgres over HTTP through a dedicated proxy", () => {
  it("passes traffic in pass mode", async () => {
    const p = await proxy("postgres-http");
    useHttpEndpoint(p.url);
    expect(await neon(databaseUrl)`SELECT ${"via proxy"}::text AS word`).toEqual([{ word: "via proxy" }]);
  });

  it("refuse: the query fails at once with a connection error", async () => {
    const p = await proxy("postgres-http");
    await p.setMode("refuse");
    useHttpEndpoint(p.url);
    const { error, ms } = await failure(() => neon(databaseUrl)`SELECT 1`);
    expect(error).toBeInstanceOf(NeonDbError);
    expect(error.message).toMatch(/Error connecting to database/);
    expect(ms).toBeLessThan(1_000);
  });

  it("hang: no answer until the client's own timeout", async () => {
    const p = await proxy("postgres-http");
    await p.setMode("hang");
    useHttpEndpoint(p.url);
    const sql = neon(databaseUrl, { fetchOptions: { signal: AbortSignal.timeout(300) } });
    const { error, ms } = await failure(() => sql`SELECT 1`);
    expect(error).toBeInstanceOf(NeonDbError);
    expect(ms).toBeGreaterThanOrEqual(290);
    expect(ms).toBeLessThan(2_000);
  });

  it("cut: a batch in flight fails and Postgres rolls it back", async () => {
    const p = await proxy("postgres-http");
    useHttpEndpoint(p.url);
    const sql = neon(databaseUrl);
    const batch = sql.transaction([
      sql`UPDATE fault_counters SET n = n + 1 WHERE id = 3`,
      sql`SELECT pg_sleep(5)`,
      sql`UPDATE fault_counters SET n = n + 1 WHERE id = 3`,
    ]);
    const outcome = failure(() => batch);
    await delay(300);
    expect(await p.cut()).toBeGreaterThanOrEqual(1);
    const { error, ms } = await outcome;
    expect(error).toBeInstanceOf(NeonDbError);
    expect(ms).toBeLessThan(1_500);
    // Long before the batch could have finished, the row is free again and unchanged.
    const [untilFree, after] = await elapsed(() => afterRollback(3));
    expect(after.n).toBe(0);
    expect(untilFree).toBeLessThan(2_000);
  });
});

describe("the Upstash REST endpoint through a dedicated proxy", () => {
  it("passes traffic in pass mode", async () => {
    const p = await proxy("redis");
    const redis = redisThrough(p.url);
    await redis.set("fault-key", "value");
    expect(await redis.get("fault-key")).toBe("value");
  });

  it("refuse: a command fails at once", async () => {
    const p = await proxy("redis");
    await p.setMode("refuse");
    const { ms } = await failure(() => redisThrough(p.url).get("fault-key"));
    expect(ms).toBeLessThan(1_000);
  });

  it("hang: no answer until the client's own timeout; a cut then drops the waiting request at once", async () => {
    const p = await proxy("redis");
    await p.setMode("hang");
    const timed = await failure(() => redisThrough(p.url, 300).get("fault-key"));
    expect(timed.ms).toBeGreaterThanOrEqual(290);
    expect(timed.ms).toBeLessThan(2_000);

    const waiting = failure(() => redisThrough(p.url, 10_000).get("fault-key"));
    await delay(200);
    expect((await p.refresh()).connections).toBeGreaterThanOrEqual(1);
    await p.cut();
    const { ms } = await waiting;
    expect(ms).toBeLessThan(1_500);

    await p.setMode("pass");
    expect(await redisThrough(p.url).get("fault-key")).toBe("value");
  });
});
