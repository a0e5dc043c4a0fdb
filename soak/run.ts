import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { availableParallelism, loadavg } from "node:os";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { build } from "vite";
import { atExit, runExitTasks } from "../bench/cleanup.ts";
import { launchShop } from "../bench/stack.ts";
import { root } from "../local/config.ts";
import { type Check, checkInvariants } from "./invariants.ts";
import { workerdRssMb, workerHeapMb } from "./memory.ts";
import { Metrics, percentile } from "./metrics.ts";
import { prepareSoak } from "./shop.ts";
import { Traffic } from "./traffic.ts";

/**
 * `npm run soak [-- --minutes 10 --shoppers 20 --staff 2]`: starts a throwaway shop of its own (as the
 * benchmark does: Postgres, the Neon and Upstash stand-ins, wrangler dev, in a process of their own,
 * stopped on every exit path), drives mixed shopper and staff traffic for the time asked with a
 * progress line every 10 s, then checks the invariants in the database (soak/invariants.ts) and
 * prints errors, p99 per minute and the memory (workerd's resident size and the worker's live heap). Exits 1 on any error or broken invariant.
 * The figures go to soak/results/latest.json.
 */
const { values } = parseArgs({
  options: {
    minutes: { type: "string", default: "10" },
    shoppers: { type: "string", default: "20" },
    staff: { type: "string", default: "2" },
    out: { type: "string", default: resolve(root, "soak/results/latest.json") },
  },
});
const minutes = Number(values.minutes);
const shoppers = Number(values.shoppers);
const staff = Number(values.staff);
if (!(minutes > 0) || !(shoppers > 0) || !(staff >= 0)) {
  console.error("usage: npm run soak -- [--minutes 10] [--shoppers 20] [--staff 2] [--out file]");
  process.exit(2);
}

const began = performance.now();
const log = (text: string) => console.log(`[${((performance.now() - began) / 1000).toFixed(0).padStart(5)} s] ${text}`);
const failures: string[] = [];

async function taxRate(): Promise<number> {
  const toml = await readFile(resolve(root, "wrangler.toml"), "utf8");
  return Number(/^TAX_RATE_BPS\s*=\s*"(\d+)"/m.exec(toml)?.[1] ?? 900);
}

async function main() {
  log(
    `Royal Shop soak: ${minutes} min, ${shoppers} shoppers and ${staff} staff; ${availableParallelism()} cores, load ${loadavg()[0].toFixed(1)}`,
  );
  const launch = await launchShop(0, resolve(root, "soak/results/shop.log"));
  log(`starting its own shop (log: ${launch.logFile})`);
  // wrangler dev serves the storefront too: it needs a build, made once.
  if (!existsSync(resolve(root, "web/dist/index.html"))) {
    log("building the web app for wrangler dev");
    await build({ configFile: resolve(root, "web/vite.config.ts"), logLevel: "warn" });
  }
  const shop = await launch.startWorker();
  log(`the shop answers on ${shop.url}`);

  const taxRateBps = await taxRate();
  const soak = await prepareSoak(
    shop.url,
    shop.databaseUrl,
    { shoppers, staff, taxRateBps, admin: { username: "admin@royal.shop", password: "royal-admin" } },
    log,
  );

  const metrics = new Metrics();
  metrics.lastMinute = Math.ceil(minutes) - 1;
  const traffic = new Traffic(soak, metrics);
  const memory: { at: number; rssMb: number }[] = [];
  const sampleMemory = async () => {
    const rssMb = await workerdRssMb();
    if (rssMb !== undefined) memory.push({ at: Math.round(metrics.elapsed()), rssMb });
    return rssMb;
  };
  const heap: { at: number; heapMb: number }[] = [];
  const sampleHeap = async () => {
    const heapMb = await workerHeapMb();
    if (heapMb !== undefined) heap.push({ at: Math.round(metrics.elapsed()), heapMb });
    return heapMb;
  };
  await sampleMemory();
  log(`traffic starts; workerd resident memory ${memory[0]?.rssMb ?? "unreadable"} MB`);
  const running = traffic.run();
  let ticks = 0;
  const ticker = setInterval(async () => {
    const window = metrics.takeWindow();
    const rss = await sampleMemory();
    // The worker's live heap after a full collection (a pause of tens of milliseconds): as soon as its
    // inspector answers (not in the first seconds of the worker), then once a minute.
    ticks++;
    const heapMb = heap.length === 0 || ticks % 6 === 0 ? await sampleHeap() : undefined;
    const c = traffic.counts;
    log(
      `${metrics.requests.toLocaleString("en")} requests (${(window.length / 10).toFixed(0)}/s) · errors ${metrics.errorCount} · p50 ${percentile(window, 0.5)} ms, p99 ${percentile(window, 0.99)} ms · orders ${c.checkouts}, paid ${c.paid}, declined ${c.payFailures}, canceled ${c.cancels}, staff moves ${c.staffMoves}, refunds ${c.refunds}, stock changes ${c.stockChanges} · workerd ${rss ?? "?"} MB${heapMb === undefined ? "" : `, worker heap ${heapMb} MB`}`,
    );
  }, 10_000);
  atExit(async () => clearInterval(ticker));
  await new Promise((resolve) => setTimeout(resolve, minutes * 60_000));
  traffic.stop();
  await running;
  clearInterval(ticker);
  await sampleMemory();
  await sampleHeap();
  log(
    `traffic stopped after ${metrics.elapsed().toFixed(0)} s: ${metrics.requests} requests, ${metrics.errorCount} errors`,
  );

  const checks = await checkInvariants(shop.databaseUrl, taxRateBps);
  const perMinute = metrics.perMinute();
  report(metrics, perMinute, memory, heap, checks);
  for (const check of checks) if (check.violations.length > 0) failures.push(`invariant broken: ${check.name}`);
  if (metrics.errorCount > 0) failures.push(`${metrics.errorCount} errors`);

  await mkdir(resolve(values.out, ".."), { recursive: true });
  await writeFile(
    values.out,
    `${JSON.stringify(
      {
        at: new Date().toISOString(),
        minutes,
        shoppers,
        staff,
        machine: { cores: availableParallelism(), loadAverage: loadavg() },
        requests: metrics.requests,
        errors: metrics.errorCount,
        errorKinds: Object.fromEntries(metrics.errorsByKind),
        firstErrors: metrics.errors.slice(0, 50),
        outcomes: Object.fromEntries([...metrics.outcomes].sort()),
        counts: traffic.counts,
        perMinute,
        memory,
        heap,
        invariants: checks.map((c) => ({ ...c, violations: c.violations.slice(0, 20), broken: c.violations.length })),
      },
      null,
      2,
    )}\n`,
  );
  log(`written to ${values.out}`);
}

function report(
  metrics: Metrics,
  perMinute: ReturnType<Metrics["perMinute"]>,
  memory: { at: number; rssMb: number }[],
  heap: { at: number; heapMb: number }[],
  checks: Check[],
) {
  console.log("\nLatency per minute (every request of that minute)");
  console.log("  minute  requests   p50 ms   p99 ms   max ms");
  for (const m of perMinute) {
    console.log(
      `  ${String(m.minute).padStart(6)}  ${String(m.requests).padStart(8)}  ${String(m.p50Ms).padStart(7)}  ${String(m.p99Ms).padStart(7)}  ${String(m.maxMs).padStart(7)}`,
    );
  }
  const p99s = perMinute.filter((m) => m.requests > 0).map((m) => m.p99Ms);
  if (p99s.length > 1) {
    console.log(
      `  p99 drift: first minute ${p99s[0]} ms, last ${p99s.at(-1)} ms, lowest ${Math.min(...p99s)}, highest ${Math.max(...p99s)}`,
    );
  }
  if (memory.length > 0) {
    const mbs = memory.map((m) => m.rssMb);
    console.log(
      `\nworkerd resident memory: ${mbs[0]} MB at the start, ${mbs.at(-1)} MB at the end, at most ${Math.max(...mbs)} MB`,
    );
  } else console.log("\nworkerd resident memory: not readable here (no /proc)");
  if (heap.length > 0) {
    console.log(
      `the worker's heap after a full collection: ${heap.map((h) => `${h.heapMb} MB at ${h.at} s`).join(" · ")}`,
    );
  }

  console.log(`\nAnswers by action and status`);
  const outcomes = [...metrics.outcomes].sort(([a], [b]) => a.localeCompare(b));
  console.log(`  ${outcomes.map(([key, n]) => `${key}: ${n}`).join(" · ")}`);

  console.log(`\nErrors: ${metrics.errorCount}`);
  for (const [kind, n] of metrics.errorsByKind) console.log(`  ${n} × ${kind}`);
  for (const e of metrics.errors.slice(0, 5)) console.log(`  at ${e.at.toFixed(0)} s ${e.request} → ${e.answer}`);

  console.log("\nInvariants");
  for (const check of checks) {
    const figures = check.figures
      ? ` (${Object.entries(check.figures)
          .map(([k, v]) => `${k} ${v}`)
          .join(", ")})`
      : "";
    console.log(
      `  ${check.violations.length === 0 ? "holds " : "BROKEN"} ${check.name}: ${check.checked} checked${figures}`,
    );
    for (const v of check.violations.slice(0, 5)) console.log(`         ${JSON.stringify(v)}`);
  }
}

try {
  await main();
} catch (error) {
  failures.push(error instanceof Error ? (error.stack ?? error.message) : String(error));
} finally {
  await runExitTasks();
}
if (failures.length > 0) console.log(`\nFailed\n  ${failures.join("\n  ")}`);
log(failures.length === 0 ? "done: no errors, every invariant holds" : "failed");
process.exit(failures.length === 0 ? 0 : 1);
