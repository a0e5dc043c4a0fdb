import { mkdtemp, rm } from "node:fs/promises";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { root } from "../local/config.ts";
import { buildWebAndMeasure, measureWorker } from "./bundles.ts";
import { atExit, runExitTasks } from "./cleanup.ts";
import { dataset, productSlug, searchTerms } from "./dataset.ts";
import { captureFloorSql } from "./floor.ts";
import { type Findings, measureShop, prepareShop } from "./measure.ts";
import { describe, parseOptions, type Target } from "./options.ts";
import { goalLines, type Results, realtimeTable, scenarioTable, writeResults } from "./report.ts";
import { launchShop, type Shop, visitShop } from "./stack.ts";

/**
 * `npm run bench`: starts its own shops (one per simulated distance) or visits a running one, loads the
 * data set, drives every scenario with autocannon after a warm-up, measures each read's floor, the
 * realtime push and the bundles, and writes a table to stdout and bench/results/latest.json.
 */
const began = performance.now();
const progress = (text: string) =>
  console.log(`[${((performance.now() - began) / 1000).toFixed(1).padStart(5)} s] ${text}`);
const load = () =>
  loadavg()
    .map((n) => n.toFixed(1))
    .join(" ");
const findings: Findings = { failures: [], notes: [] };

async function main() {
  const options = parseOptions();
  const own = options.targets.every((target) => !target.url);
  const results: Results = {
    at: new Date().toISOString(),
    quick: options.quick,
    machine: { cores: availableParallelism(), loadAverage: loadavg().map((n) => Number(n.toFixed(2))) },
    scenarios: [],
    realtime: [],
    bundles: null,
  };
  progress(
    `Royal Shop benchmark${options.quick ? " (quick)" : ""}: ${own ? `own shops at ${options.targets.map((t) => `${t.rttMs} ms`).join(" and ")}` : `the running shop at ${options.targets[0].url}`}; ${options.products} products, ${dataset.users} users; ${availableParallelism()} cores, load average ${load()}`,
  );

  const slugs = Array.from({ length: options.products }, (_, i) => productSlug(i + 1));
  const floorsCaptured = captureFloorSql(slugs, searchTerms).catch((error: Error) => {
    findings.failures.push(`floors: the worker's SQL could not be captured (${error.message.split("\n")[0]})`);
    return undefined;
  });

  const launches = own
    ? await Promise.all(
        options.targets.map((t) => launchShop(t.rttMs, resolve(root, `bench/results/shop-${t.rttMs}ms.log`))),
      )
    : [];
  for (const launch of launches) progress(`starting the shop at ${launch.rttMs} ms (its log: ${launch.logFile})`);

  // Built while the databases start: own shops serve web/dist; a running shop serves its own build.
  const webDir = own ? resolve(root, "web/dist") : await mkdtemp(join(tmpdir(), "royal-bench-web-"));
  if (!own) atExit(() => rm(webDir, { recursive: true, force: true }));
  const web = await buildWebAndMeasure(webDir);
  progress(
    `web app built: storefront initial JS ${web.storefrontInitialGzipKB} KB gzipped (${web.initialFiles} files), admin ${web.adminGzipKB} KB (${web.adminFiles} chunks)`,
  );
  const workerSized = measureWorker().catch((error: Error) => {
    findings.failures.push(`bundles: the worker could not be bundled (${error.message.split("\n")[0]})`);
    return Number.NaN;
  });

  const shops: Shop[] = own
    ? await Promise.all(launches.map((launch) => launch.startWorker()))
    : [await visitShop(options.targets[0] as Required<Target>)];
  for (const shop of shops) progress(`the shop at ${shop.rttMs} ms answers on ${shop.url}`);

  results.bundles = {
    workerGzipKB: await workerSized,
    storefrontInitialGzipKB: web.storefrontInitialGzipKB,
    adminGzipKB: web.adminGzipKB,
  };
  progress(`worker bundle: ${results.bundles.workerGzipKB} KB gzipped`);

  const prepared = await Promise.all(shops.map((shop) => prepareShop(shop, options, progress)));
  const floors = await floorsCaptured;
  for (const [i, shop] of prepared.entries()) {
    progress(`${shop.shop.rttMs} ms: measuring (load average ${load()})`);
    await measureShop(shop, floors, options, results, findings, progress, i === 0);
  }

  await writeResults(options.resultsFile, results);
  for (const rttMs of [...new Set(results.scenarios.map((row) => row.rttMs))]) {
    console.log(
      `\nRequests at ${rttMs} ms simulated distance to Postgres and Redis (${describe(options.durations.measure)} per row, after ${describe(options.durations.warmup)} of warm-up)`,
    );
    console.log(scenarioTable(results.scenarios.filter((row) => row.rttMs === rttMs)));
  }
  console.log(
    "db rt / redis rt: round trips per request (Server-Timing). floor: the read's own SQL (writes: SELECT 1) sent straight to Postgres over the same path.",
  );
  if (results.realtime.length > 0) {
    console.log(`\nRealtime at ${shops[0].rttMs} ms: commit → arrival at every socket of one shopper room`);
    console.log(realtimeTable(results.realtime));
  }
  const { bundles } = results;
  console.log(
    `\nBundles, gzipped: worker ${bundles.workerGzipKB} KB · storefront initial JS ${bundles.storefrontInitialGzipKB} KB · admin chunks ${bundles.adminGzipKB} KB`,
  );
  console.log(`\nGoals\n${goalLines(results)}`);
  console.log(`\nWritten to ${options.resultsFile}; load average at the end ${load()}`);
}

try {
  await main();
} catch (error) {
  findings.failures.push(error instanceof Error ? (error.stack ?? error.message) : String(error));
} finally {
  await runExitTasks();
}
if (findings.notes.length > 0) console.log(`\nNotes\n  ${findings.notes.join("\n  ")}`);
if (findings.failures.length > 0) console.log(`\nFailed\n  ${findings.failures.join("\n  ")}`);
progress(findings.failures.length === 0 ? "done" : "failed");
process.exit(findings.failures.length === 0 ? 0 : 1);
