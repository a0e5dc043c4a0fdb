import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { Bundles } from "./bundles.ts";
import type { RealtimeRow } from "./realtime.ts";

/** One row of `scenarios` in bench/results/latest.json (documented in bench/README.md). */
export interface ScenarioRow {
  name: string;
  rttMs: number;
  connections: number;
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  dbRoundTrips: number | null;
  redisRoundTrips: number | null;
  floorP50Ms: number | null;
  errors: number;
  /** Share of the responses the edge cache answered (0–1). */
  cacheHitRatio: number;
}

export interface Results {
  at: string;
  quick: boolean;
  /** The machine, and how busy it was when the run began (other work skews the figures). */
  machine: { cores: number; loadAverage: number[] };
  scenarios: ScenarioRow[];
  realtime: RealtimeRow[];
  bundles: Bundles | null;
}

const round = (value: number, digits = 1) => (Number.isFinite(value) ? Number(value.toFixed(digits)) : value);

export function rounded(row: ScenarioRow): ScenarioRow {
  return {
    ...row,
    requestsPerSec: round(row.requestsPerSec),
    p50Ms: round(row.p50Ms, 2),
    p99Ms: round(row.p99Ms, 2),
    dbRoundTrips: row.dbRoundTrips === null ? null : round(row.dbRoundTrips, 2),
    redisRoundTrips: row.redisRoundTrips === null ? null : round(row.redisRoundTrips, 2),
    floorP50Ms: row.floorP50Ms === null ? null : round(row.floorP50Ms, 2),
    cacheHitRatio: round(row.cacheHitRatio, 3),
  };
}

function table(header: string[], rows: string[][], leftColumns = 1): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i < leftColumns ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(" | ")} |`;
  const rule = `|${widths.map((w, i) => (i < leftColumns ? `:${"-".repeat(w + 1)}` : `${"-".repeat(w + 1)}:`)).join("|")}|`;
  return [line(header), rule, ...rows.map(line)].join("\n");
}

const fixed = (value: number | null, digits = 1) =>
  value === null || !Number.isFinite(value) ? "–" : value.toFixed(digits);
const whole = (value: number) => Math.round(value).toLocaleString("en-US");

export function scenarioTable(rows: ScenarioRow[]): string {
  return table(
    ["scenario", "conns", "req/s", "p50 ms", "p99 ms", "db rt", "redis rt", "floor p50", "× floor", "cached", "errors"],
    rows.map((row) => [
      row.name,
      String(row.connections),
      whole(row.requestsPerSec),
      fixed(row.p50Ms, 2),
      fixed(row.p99Ms, 2),
      fixed(row.dbRoundTrips, 2),
      fixed(row.redisRoundTrips, 2),
      fixed(row.floorP50Ms, 2),
      row.floorP50Ms ? `${(row.p50Ms / row.floorP50Ms).toFixed(1)}×` : "–",
      `${Math.round(row.cacheHitRatio * 100)}%`,
      String(row.errors),
    ]),
  );
}

export function realtimeTable(rows: RealtimeRow[]): string {
  return table(
    ["sockets", "push p50 ms", "push p99 ms", "delivered", "messages/s"],
    rows.map((row) => [
      whole(row.sockets),
      fixed(row.pushP50Ms, 1),
      fixed(row.pushP99Ms, 1),
      `${whole(row.delivered)}/${whole(row.expected)}`,
      whole(row.messagesPerSec),
    ]),
    0,
  );
}

interface Goal {
  text: string;
  met: boolean | undefined;
}

const find = (rows: ScenarioRow[], name: string, rttMs: number, connections: number) =>
  rows.find((row) => row.name === name && row.rttMs === rttMs && row.connections === connections);

/** The issue's goals, each against the row it names (a row this run did not measure is left out). */
export function goals(results: Results): Goal[] {
  const list: Goal[] = [];
  const latency = (name: string, limit: number) => {
    const row = find(results.scenarios, name, 50, 1);
    if (row)
      list.push({
        text: `50 ms, 1 connection: ${name} p50 ${fixed(row.p50Ms)} ms ≤ ${limit} ms`,
        met: row.p50Ms <= limit,
      });
  };
  for (const name of [
    "product-detail",
    "catalog-list-cache-hit",
    "catalog-list-cache-miss",
    "catalog-list-signed-in",
    "add-to-cart",
  ])
    latency(name, 70);
  latency("checkout", 130);

  // Medusa v2 on this machine, 500 products, 20 connections.
  const medusa: [string, string, number, number][] = [
    ["catalog list", "catalog-list-cache-miss", 20, 1_875],
    ["catalog list", "catalog-list-signed-in", 20, 1_875],
    ["product detail", "product-detail", 76, 440],
    ["add to cart", "add-to-cart", 7.9, 3_346],
  ];
  for (const [what, name, rps, p99] of medusa) {
    const row = find(results.scenarios, name, 0, 20);
    if (!row) continue;
    list.push({
      text: `0 ms, 20 connections: ${name} ${whole(row.requestsPerSec)} req/s ≥ ${whole(rps * 10)} (10× Medusa's ${what}), p99 ${fixed(row.p99Ms)} ms ≤ ${fixed(p99 / 10)} ms`,
      met: row.requestsPerSec >= rps * 10 && row.p99Ms <= p99 / 10,
    });
  }
  const wide = results.realtime.find((row) => row.sockets === 1_000);
  if (wide)
    list.push({
      text: `realtime, 1,000 sockets: push p99 ${fixed(wide.pushP99Ms)} ms ≤ 50 ms`,
      met: wide.pushP99Ms <= 50,
    });
  return list;
}

export function goalLines(results: Results): string {
  return goals(results)
    .map((goal) => `  ${goal.met ? "met   " : "missed"}  ${goal.text}`)
    .join("\n");
}

export async function writeResults(file: string, results: Results): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
}
