import { Client, neon } from "@neondatabase/serverless";
import { Redis } from "@upstash/redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { delay, Lane, simRttFromEnv } from "../latency.ts";
import { logger } from "../log.ts";
import { type RunningNeonHttp, startNeonHttp } from "../neon-http.ts";
import { freePort } from "../ports.ts";
import { type RunningRedis, startRedis } from "../redis.ts";
import { type RunningProxy, startWsProxy } from "../ws-proxy.ts";
import { databaseUrl, direct, elapsed, median, postgresPort, stack, useHttpEndpoint, useWsProxy } from "./helpers.ts";

const rtt = 40;
/** Timers and a busy 2-core machine add a little; a fixed delay must not add anywhere near another round trip. */
const slack = 35;

describe("the simulated round trip setting", () => {
  it("reads ROYAL_SIM_RTT_MS, 0 when unset, and refuses what is not a delay", () => {
    expect(simRttFromEnv({})).toBe(0);
    expect(simRttFromEnv({ ROYAL_SIM_RTT_MS: "" })).toBe(0);
    expect(simRttFromEnv({ ROYAL_SIM_RTT_MS: "50" })).toBe(50);
    expect(simRttFromEnv({ ROYAL_SIM_RTT_MS: " 12.5 " })).toBe(12.5);
    for (const bad of ["fast", "-1", "1e9", "NaN"]) {
      expect(() => simRttFromEnv({ ROYAL_SIM_RTT_MS: bad })).toThrow(/ROYAL_SIM_RTT_MS/);
    }
    expect(stack.simRttMs).toBe(0);
  });

  it("runs steps at once with no delay, and in push order, never early, with one", async () => {
    const seen: number[] = [];
    const instant = new Lane(0);
    instant.push(() => seen.push(1));
    expect(seen).toEqual([1]);

    const lane = new Lane(20);
    const start = performance.now();
    const times: number[] = [];
    for (let i = 0; i < 50; i++) lane.push(() => times.push(performance.now() - start));
    lane.push(() => seen.push(2));
    await delay(60);
    expect(seen).toEqual([1, 2]);
    expect(times).toHaveLength(50);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(20);
    expect(times).toEqual([...times].sort((a, b) => a - b));

    lane.pause();
    lane.push(() => seen.push(3));
    await delay(40);
    expect(seen).toEqual([1, 2]);
    lane.resume();
    expect(seen).toEqual([1, 2, 3]);
  });
});

describe(`${rtt} ms of simulated distance`, () => {
  let wsProxy: RunningProxy;
  let http: RunningNeonHttp;
  let redis: RunningRedis;
  const log = logger("far");

  beforeAll(async () => {
    [wsProxy, http, redis] = await Promise.all([
      startWsProxy({ port: 0, allow: [`localhost:${postgresPort}`], rttMs: rtt, log }),
      startNeonHttp({ port: 0, postgres: { host: "127.0.0.1", port: postgresPort }, rttMs: rtt, log }),
      startRedis({
        restPort: await freePort(),
        serverPort: await freePort(),
        token: "far",
        rttMs: rtt,
        log,
        requireServer: true,
      }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([wsProxy?.stop(), http?.stop(), redis?.stop()]);
  });

  it("adds one round trip to every query through the Neon HTTP endpoint, and 0 adds none", async () => {
    useHttpEndpoint(http.url);
    const sql = neon(databaseUrl);
    await sql`SELECT 1`;
    const far: number[] = [];
    for (let i = 0; i < 5; i++) far.push((await elapsed(() => sql`SELECT 1`))[0]);
    expect(Math.min(...far)).toBeGreaterThanOrEqual(rtt);
    expect(median(far)).toBeLessThan(rtt + slack);

    useHttpEndpoint(stack.bindings.NEON_HTTP_ENDPOINT);
    await sql`SELECT 1`;
    const near: number[] = [];
    for (let i = 0; i < 9; i++) near.push((await elapsed(() => sql`SELECT 1`))[0]);
    expect(median(near)).toBeLessThan(rtt / 2);
  });

  it("adds half a round trip each way through the WebSocket proxy: one per query, more to connect", async () => {
    useWsProxy(wsProxy.url);
    const client = new Client(databaseUrl);
    client.on("error", () => {});
    // The upgrade, then startup and password pipelined with the first query: two round trips at least.
    const [firstMs] = await elapsed(async () => {
      await client.connect();
      await client.query("SELECT 1");
    });
    try {
      expect(firstMs).toBeGreaterThanOrEqual(2 * rtt);
      const far: number[] = [];
      for (let i = 0; i < 5; i++) far.push((await elapsed(() => client.query("SELECT $1::int", [i])))[0]);
      expect(Math.min(...far)).toBeGreaterThanOrEqual(rtt);
      expect(median(far)).toBeLessThan(rtt + slack);
      // Byte order per connection survives the delay: a large answer arrives in many chunks, intact.
      const { rows } = await client.query("SELECT i, md5(i::text) AS h FROM generate_series(1, 20000) AS i");
      expect(rows).toHaveLength(20000);
      expect(rows.every((row, i) => row.i === i + 1 && row.h.length === 32)).toBe(true);
      const big = "é".repeat(300_000);
      const echoed = await client.query("SELECT $1::text AS big, md5($1::text) AS h", [big]);
      expect(echoed.rows[0].big).toBe(big);
    } finally {
      await client.end();
    }
  });

  it("adds one round trip to every request to the Upstash endpoint", async () => {
    const far = new Redis({ url: redis.url, token: redis.token, retry: false, enableAutoPipelining: false });
    await far.set("latency", "1");
    const times: number[] = [];
    for (let i = 0; i < 5; i++) times.push((await elapsed(() => far.get("latency")))[0]);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(rtt);
    expect(median(times)).toBeLessThan(rtt + slack);

    const near = new Redis({
      url: stack.bindings.UPSTASH_REDIS_REST_URL,
      token: stack.bindings.UPSTASH_REDIS_REST_TOKEN,
      retry: false,
      enableAutoPipelining: false,
    });
    await near.set("latency", "1");
    const nearTimes: number[] = [];
    for (let i = 0; i < 9; i++) nearTimes.push((await elapsed(() => near.get("latency")))[0]);
    expect(median(nearTimes)).toBeLessThan(rtt / 2);
  });
});

describe("latency without simulated distance (warm, one connection)", () => {
  it("measures SELECT 1 direct, through the WebSocket proxy and through the HTTP endpoint", async () => {
    const runs = 100;
    const measure = async (query: () => Promise<unknown>) => {
      for (let i = 0; i < 10; i++) await query();
      const times: number[] = [];
      for (let i = 0; i < runs; i++) times.push((await elapsed(query))[0]);
      return median(times);
    };
    const pgClient = await direct();
    const directMs = await measure(() => pgClient.query("SELECT 1"));
    await pgClient.end();

    useWsProxy(stack.bindings.NEON_WS_PROXY);
    const wsClient = new Client(databaseUrl);
    await wsClient.connect();
    const wsMs = await measure(() => wsClient.query("SELECT 1"));
    await wsClient.end();

    useHttpEndpoint(stack.bindings.NEON_HTTP_ENDPOINT);
    const sql = neon(databaseUrl);
    const httpMs = await measure(() => sql`SELECT 1`);

    console.log(
      `SELECT 1, median of ${runs}: direct pg ${directMs.toFixed(2)} ms, WebSocket proxy ${wsMs.toFixed(2)} ms, Neon HTTP endpoint ${httpMs.toFixed(2)} ms`,
    );
    expect(Math.max(directMs, wsMs, httpMs)).toBeLessThan(rtt / 2);
  });
});
