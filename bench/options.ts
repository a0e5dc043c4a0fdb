import { parseArgs } from "node:util";
import { dev, devDatabaseUrl } from "../local/config.ts";
import { simRttFromEnv } from "../local/latency.ts";
import { dataset } from "./dataset.ts";

/**
 * How long a load run lasts: for some seconds (the full run), or until each connection had its share of
 * answers (`--quick`: however slow the machine, every run ends with answers, and none are abandoned).
 */
export type Budget = { seconds: number } | { perConnection: number };

export const describe = (budget: Budget) =>
  "seconds" in budget
    ? `${budget.seconds} s`
    : `${budget.perConnection} request${budget.perConnection === 1 ? "" : "s"} per connection`;

/** How long each part of the benchmark runs: the full run, or `--quick` (the whole harness in under 90 s). */
export interface Durations {
  warmup: Budget;
  measure: Budget;
  /** A floor's warm-up (if any) and timed run: it only asks Postgres, through a pool the worker just warmed. */
  floorWarmup?: Budget;
  floor: Budget;
  /** Sequential checkouts measured at one connection. */
  checkouts: number;
  /** Cart changes timed one at a time per socket count, and how long the room's throughput is driven. */
  pushes: number;
  throughputS: number;
}

export interface BenchOptions {
  quick: boolean;
  durations: Durations;
  /** How many of the data set's 500 products the catalog holds (all but in `--quick`). */
  products: number;
  targets: Target[];
  /** Connection counts of the request scenarios at a distance (the mode decides). */
  connectionsAt(rttMs: number): number[];
  /** Whether the 100 shoppers race for stock at a distance (the slowest scenario far away). */
  raceAt(rttMs: number): boolean;
  /** Scenario names to run (all when empty). */
  only: string[];
  admin: { username: string; password: string };
  resultsFile: string;
}

export interface Target {
  /** The shop's distance to Postgres and Redis, in ms of simulated round trip. */
  rttMs: number;
  /** Where a running shop answers; absent: the benchmark starts its own at this distance. */
  url?: string;
  databaseUrl?: string;
  neonHttpUrl?: string;
}

const usage = `npm run bench [-- options]

  --quick                  every scenario briefly, on 100 of the 500 products (under 90 s; CI runs this)
  --rtt 0,50               simulated distances for the shops the benchmark starts (default 0,50)
  --url URL                measure a running shop instead (e.g. http://127.0.0.1:8787 from npm start);
                           its distance is --rtt (one value, default ROYAL_SIM_RTT_MS or 0)
  --database-url URL       that shop's Postgres (default: npm start's, ${devDatabaseUrl})
  --neon-http URL          that shop's Neon HTTP endpoint, for the floor (default http://127.0.0.1:${dev.ports.neonHttp}/sql)
  --admin USER:PASSWORD    staff account that loads the catalog (default: the demo admin)
  --only a,b               run only these scenarios (names as in the table)
  --out FILE               where the JSON goes (default bench/results/latest.json)
`;

export function parseOptions(argv = process.argv.slice(2)): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: "boolean", default: false },
      rtt: { type: "string" },
      url: { type: "string" },
      "database-url": { type: "string" },
      "neon-http": { type: "string" },
      admin: { type: "string", default: "admin@royal.shop:royal-admin" },
      only: { type: "string", default: "" },
      out: { type: "string", default: new URL("./results/latest.json", import.meta.url).pathname },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(usage);
    process.exit(0);
  }
  const distances = (values.rtt ?? (values.url ? String(simRttFromEnv()) : "0,50")).split(",").map((text) => {
    const ms = Number(text.trim());
    if (!Number.isFinite(ms) || ms < 0) throw new Error(`--rtt takes milliseconds, not "${text}"`);
    return ms;
  });
  if (values.url && distances.length !== 1) throw new Error("a running shop has one distance: give one --rtt value");
  const targets: Target[] = values.url
    ? [
        {
          rttMs: distances[0],
          url: values.url.replace(/\/$/, ""),
          databaseUrl: values["database-url"] ?? devDatabaseUrl,
          neonHttpUrl: values["neon-http"] ?? `http://127.0.0.1:${dev.ports.neonHttp}/sql`,
        },
      ]
    : distances.map((rttMs) => ({ rttMs }));

  const [username, ...rest] = values.admin.split(":");
  const quick = values.quick;
  return {
    quick,
    durations: quick
      ? {
          warmup: { perConnection: 1 },
          measure: { perConnection: 5 },
          floor: { perConnection: 10 },
          checkouts: 4,
          pushes: 5,
          throughputS: 0.5,
        }
      : {
          warmup: { seconds: 2 },
          measure: { seconds: 8 },
          floorWarmup: { seconds: 2 },
          floor: { seconds: 8 },
          checkouts: 40,
          pushes: 40,
          throughputS: 5,
        },
    products: quick ? 100 : dataset.products,
    targets,
    // The goals name two settings: one connection at a distance, 20 connections next to the data. The full
    // run measures both everywhere; the quick one measures each distance in the setting its goals use,
    // and races for stock only at the nearest (far away 100 serialised checkouts take half a minute).
    connectionsAt: (rttMs) => (quick ? [rttMs > 0 ? 1 : 20] : [20, 1]),
    raceAt: (rttMs) => !quick || rttMs === Math.min(...distances),
    only: values.only ? values.only.split(",").map((name) => name.trim()) : [],
    admin: { username, password: rest.join(":") },
    resultsFile: values.out,
  };
}
