import { ShopClient } from "./api.ts";
import { fillCarts, raceForStock, sequentialCheckouts } from "./checkout.ts";
import {
  createScarceProduct,
  type Dataset,
  loadDataset,
  type Purchasable,
  purchasableOf,
  type Shopper,
  searchTerms,
  signInShoppers,
} from "./dataset.ts";
import type { FloorKind, FloorStatements } from "./floor.ts";
import { runFloor } from "./floor.ts";
import { type LoadResult, runLoad, spend } from "./load.ts";
import type { BenchOptions } from "./options.ts";
import { runRealtime } from "./realtime.ts";
import { type Results, rounded } from "./report.ts";
import { requestScenarios, type ScenarioWorld } from "./scenarios.ts";
import type { Shop } from "./stack.ts";

/** What a run reports besides its figures: `failures` fail it (exit 1), `notes` are printed. */
export interface Findings {
  failures: string[];
  notes: string[];
}

export type Progress = (text: string) => void;

/** 100 shoppers race for 10 units; 20 of them browse and fill their carts; others check out one by one. */
const racers = 100;
const units = 10;
const cartShoppers = 20;
const productsPerCart = 5;
const socketCounts = [1, 100, 1_000];
/** Access tokens live 15 minutes: older ones are renewed before a shop is measured. */
const tokenRenewalMs = 10 * 60_000;

export const summary = (r: LoadResult) =>
  `${Math.round(r.requestsPerSec).toLocaleString("en-US")} req/s, p50 ${r.p50Ms.toFixed(2)} ms, p99 ${r.p99Ms.toFixed(2)} ms` +
  (r.dbRoundTrips === null
    ? ""
    : `, ${r.dbRoundTrips.toFixed(2)} db + ${r.redisRoundTrips?.toFixed(2)} redis round trips`) +
  (r.errors ? `, ${r.errors} errors (first: ${r.firstError})` : "");

/** A shop with its data set loaded and its shoppers signed in: ready to be measured. */
export interface PreparedShop {
  shop: Shop;
  client: ShopClient;
  data: Dataset;
  shoppers: Shopper[];
  signedInAt: number;
}

/** Shoppers a shop needs signed in: all racers if they race there, else the browsers and the buyers. */
const shoppersFor = (shop: Shop, options: BenchOptions) =>
  options.raceAt(shop.rttMs) ? racers : cartShoppers + options.durations.checkouts + 2;

export async function prepareShop(shop: Shop, options: BenchOptions, progress: Progress): Promise<PreparedShop> {
  const at = `${shop.rttMs} ms`;
  const client = new ShopClient(shop.url);
  // Far from the data a request mostly waits: more of them at once. Near it, the worker's CPU is the limit.
  const far = shop.rttMs > 0;
  const data = await loadDataset(
    client,
    shop.databaseUrl,
    { admin: options.admin, products: options.products, concurrency: far ? 48 : 8 },
    (text) => progress(`${at}: ${text}`),
  );
  progress(
    `${at}: data set ready (${data.created.products} products and ${data.created.users} users added now${data.variants ? ", with variants" : ""}); signing in ${shoppersFor(shop, options)} shoppers`,
  );
  const signedInAt = Date.now();
  const shoppers = await signInShoppers(client, shoppersFor(shop, options), far ? 20 : 4);
  return { shop, client, data, shoppers, signedInAt };
}

export async function measureShop(
  prepared: PreparedShop,
  floors: FloorStatements | undefined,
  options: BenchOptions,
  results: Results,
  findings: Findings,
  progress: Progress,
  withRealtime: boolean,
) {
  const { shop, client, data } = prepared;
  const { durations } = options;
  const at = `${shop.rttMs} ms`;
  const wanted = (name: string) => options.only.length === 0 || options.only.includes(name);
  let shoppers = prepared.shoppers;
  let adminToken = data.adminToken;
  if (Date.now() - prepared.signedInAt > tokenRenewalMs) {
    progress(`${at}: signing in again (the access tokens are getting old)`);
    shoppers = await signInShoppers(client, shoppersFor(shop, options), shop.rttMs > 0 ? 20 : 4);
    adminToken = (await client.signIn(options.admin.username, options.admin.password)).token;
  }

  // Each browsing shopper has five products of their own (as far as the catalog goes); everyone checks
  // out the last product. Stock is plentiful: nobody runs out but in the race.
  const wantedSlugs = Array.from(
    { length: cartShoppers * productsPerCart },
    (_, i) => data.slugs[i % data.slugs.length],
  );
  const purchasables = await Promise.all(
    [...wantedSlugs, data.slugs[data.slugs.length - 1]].map(async (slug) =>
      // Signed in, so that the set-up leaves nothing in the edge cache for the scenarios to find.
      purchasableOf(await client.expect(200, `/products/${slug}`, { token: adminToken })),
    ),
  );
  const plentiful = purchasables[purchasables.length - 1];
  const browsers = shoppers.slice(0, cartShoppers);
  const world: ScenarioWorld = {
    api: client.base,
    slugs: data.slugs,
    searchTerms,
    shoppers: browsers,
    unitsOf: new Map<string, Purchasable[]>(
      browsers.map((s, i) => [s.token, purchasables.slice(i * productsPerCart, (i + 1) * productsPerCart)]),
    ),
  };

  const floorRuns = new Map<string, Promise<number | null>>();
  const floorOf = (kind: FloorKind, connections: number): Promise<number | null> => {
    const statements = floors?.[kind];
    if (!statements?.length) return Promise.resolve(null);
    const key = `${kind}:${connections}`;
    let run = floorRuns.get(key);
    if (!run) {
      run = (async () => {
        if (durations.floorWarmup)
          await runFloor(shop.neonHttpUrl, shop.databaseUrl, statements, connections, durations.floorWarmup);
        const floor = await runFloor(shop.neonHttpUrl, shop.databaseUrl, statements, connections, durations.floor);
        progress(`${at}: floor of ${kind} · ${connections} conn: ${summary(floor)}`);
        if (floor.errors > 0)
          findings.notes.push(`${at} floor of ${kind}: ${floor.errors} errors (${floor.firstError})`);
        return floor.errors < floor.responses ? floor.p50Ms : null;
      })();
      floorRuns.set(key, run);
    }
    return run;
  };

  const record = async (name: string, connections: number, result: LoadResult, floor: FloorKind) => {
    results.scenarios.push(
      rounded({
        name,
        rttMs: shop.rttMs,
        connections,
        requestsPerSec: result.requestsPerSec,
        p50Ms: result.p50Ms,
        p99Ms: result.p99Ms,
        dbRoundTrips: result.dbRoundTrips,
        redisRoundTrips: result.redisRoundTrips,
        floorP50Ms: await floorOf(floor, connections),
        errors: result.errors,
        cacheHitRatio: result.responses ? result.cacheHits / result.responses : 0,
      }),
    );
    const answered = result.responses - result.errors;
    if (answered <= 0)
      findings.failures.push(`${at} ${name} (${connections} conn): no request succeeded (${result.firstError})`);
    else if (result.errors > 0)
      findings.notes.push(
        `${at} ${name} (${connections} conn): ${result.errors} errors of ${result.responses} (${result.firstError})`,
      );
  };

  for (const connections of options.connectionsAt(shop.rttMs)) {
    for (const scenario of requestScenarios.filter((s) => wanted(s.name))) {
      const spec = scenario.spec(world);
      progress(`${at}: ${scenario.title} · ${connections} conn`);
      await runLoad({ ...spec, connections, ...spend(durations.warmup, connections) });
      const result = await runLoad({ ...spec, connections, ...spend(durations.measure, connections) });
      progress(`${at}: ${scenario.name} · ${connections} conn: ${summary(result)}`);
      if (scenario.cache === "hit" && result.cacheHits < result.responses * 0.9)
        findings.notes.push(
          `${at} ${scenario.name}: only ${result.cacheHits} of ${result.responses} answers came from the edge cache`,
        );
      if (scenario.cache === "miss" && result.cacheHits > 0)
        findings.notes.push(
          `${at} ${scenario.name}: ${result.cacheHits} answers came from the edge cache, meant to miss it`,
        );
      await record(scenario.name, connections, result, scenario.floor);
    }
  }

  if (wanted("checkout")) {
    const buyers = shoppers.slice(cartShoppers, cartShoppers + durations.checkouts + 2);
    progress(`${at}: checkout · 1 conn · ${durations.checkouts} shoppers one after another (2 more warm up)`);
    await fillCarts(client, buyers, plentiful, 2, shop.rttMs > 0 ? 50 : 10);
    await sequentialCheckouts(client.base, buyers.slice(0, 2));
    const result = await sequentialCheckouts(client.base, buyers.slice(2));
    progress(`${at}: checkout · 1 conn: ${summary(result)}`);
    await record("checkout", 1, result, "roundTrip");
  }

  if (wanted("checkout-contention") && options.raceAt(shop.rttMs)) {
    const scarce = await createScarceProduct(client, adminToken, units, `${shop.rttMs}ms-${Date.now()}`);
    progress(`${at}: checkout contention · ${racers} shoppers racing for ${units} units`);
    await fillCarts(client, shoppers, scarce, 1, shop.rttMs > 0 ? 50 : 10);
    const race = await raceForStock(client, shop.databaseUrl, shoppers, scarce);
    progress(
      `${at}: checkout contention: ${race.orders} orders (${race.ordersInDatabase} in the database), ${race.refused} refused as out of stock, ${race.stockLeft} left; ${summary(race.result)}`,
    );
    // The invariant: never more orders than units, and the units all sold. Refusals other than
    // `insufficient_stock` (a timeout, say) are the row's errors, reported but not a broken invariant.
    if (race.orders !== units || race.ordersInDatabase !== units || race.stockLeft !== 0)
      findings.failures.push(
        `${at} checkout contention: ${race.orders} orders answered and ${race.ordersInDatabase} in the database for ${units} units (${race.stockLeft} left); expected exactly ${units} orders and none left`,
      );
    await record("checkout-contention", racers, race.result, "roundTrip");
  }

  if (withRealtime && wanted("realtime")) {
    progress(`${at}: realtime push at ${socketCounts.join(", ")} sockets (receivers in their own process)`);
    const rows = await runRealtime(client, shoppers[0], plentiful, socketCounts, durations, progress);
    results.realtime = rows.map((row) => ({
      ...row,
      pushP50Ms: Number(row.pushP50Ms.toFixed(2)),
      pushP99Ms: Number(row.pushP99Ms.toFixed(2)),
      messagesPerSec: Math.round(row.messagesPerSec),
    }));
    for (const row of results.realtime)
      if (row.delivered < row.expected)
        findings.notes.push(
          `realtime at ${row.sockets} sockets: ${row.expected - row.delivered} of ${row.expected} pushes never arrived`,
        );
  }
}
