import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import type { Rollup } from "vite";
import { build } from "vite";
import { beforeAll, describe, expect, it } from "vitest";

/**
 * The storefront's bundle budgets, on a fresh production build (kept in memory: web/dist, which a
 * running shop may be serving, is left alone): a first visit loads at most 50 KB of gzipped JS, and
 * no chunk a shopper can load holds the admin app or the chart library.
 */
const root = resolve(import.meta.dirname, "../..");
const initialBudgetBytes = 50 * 1024;
/** The one admin module the storefront's entry holds: its route table, which only names the admin's lazy chunks. */
const adminRouteTable = "web/src/admin/routes.tsx";

type Chunk = Rollup.OutputChunk;
let chunks: Map<string, Chunk>;

const gzipped = (chunk: Chunk) => gzipSync(chunk.code).length;
/** The modules a chunk really carries (tree-shaken ones are listed with nothing rendered). */
const modulesOf = (chunk: Chunk) =>
  Object.entries(chunk.modules)
    .filter(([, module]) => module.renderedLength > 0)
    .map(([id]) => relative(root, id.replace(/^\0/, "").split("?")[0]));
/** A lazy chunk of the admin app: its pages and shell, loaded only under /admin. */
const isAdminEntry = (chunk: Chunk) =>
  chunk.isDynamicEntry &&
  chunk.facadeModuleId !== null &&
  relative(root, chunk.facadeModuleId).startsWith("web/src/admin/");

/** Every chunk reachable from `starts` by `follow`, stopping at those `stop` refuses. */
function reach(
  follow: (chunk: Chunk) => string[],
  stop: (chunk: Chunk) => boolean = () => false,
  starts = [...chunks.values()].filter((chunk) => chunk.isEntry),
): Chunk[] {
  const seen = new Set<string>();
  const walk = (file: string) => {
    const chunk = chunks.get(file);
    if (!chunk || seen.has(file) || stop(chunk)) return;
    seen.add(file);
    for (const next of follow(chunk)) walk(next);
  };
  for (const chunk of starts) walk(chunk.fileName);
  return [...seen].map((file) => chunks.get(file) as Chunk);
}

beforeAll(async () => {
  const outDir = await mkdtemp(join(tmpdir(), "royal-shop-budget-"));
  try {
    const output = (await build({
      configFile: resolve(root, "web/vite.config.ts"),
      logLevel: "silent",
      build: { write: false, outDir, emptyOutDir: false },
    })) as Rollup.RollupOutput | Rollup.RollupOutput[];
    const bundle = (Array.isArray(output) ? output : [output]).flatMap((o) => o.output);
    chunks = new Map(
      bundle.filter((item): item is Chunk => item.type === "chunk").map((chunk) => [chunk.fileName, chunk]),
    );
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}, 180_000);

describe("the storefront's bundle budgets", () => {
  it("loads at most 50 KB of gzipped JS on a first visit (the entry and what it imports statically)", () => {
    const initial = reach((chunk) => chunk.imports);
    expect(initial.length).toBeGreaterThan(0);
    const bytes = initial.reduce((sum, chunk) => sum + gzipped(chunk), 0);
    expect(bytes, initial.map((c) => `${c.fileName} ${gzipped(c)} B`).join(", ")).toBeLessThanOrEqual(
      initialBudgetBytes,
    );
  });

  it("keeps the admin app and chart.js out of every chunk a shopper can load", () => {
    const storefront = reach((chunk) => [...chunk.imports, ...chunk.dynamicImports], isAdminEntry);
    const admin = [...chunks.values()].filter(isAdminEntry);
    // The walk found both sides: the storefront's lazy pages and the admin's own chunks.
    expect(storefront.some((chunk) => chunk.isDynamicEntry)).toBe(true);
    expect(admin.length).toBeGreaterThan(5);

    const misplaced = storefront.flatMap((chunk) =>
      modulesOf(chunk)
        .filter(
          (id) =>
            id.includes("node_modules/chart.js/") ||
            id.includes("node_modules/@kurkle/color/") ||
            (id.startsWith("web/src/admin/") && id !== adminRouteTable),
        )
        .map((id) => `${chunk.fileName}: ${id}`),
    );
    expect(misplaced).toEqual([]);
  });

  it("finds chart.js in the admin's chunks (so the check above looks for the right modules)", () => {
    const admin = reach(
      (chunk) => [...chunk.imports, ...chunk.dynamicImports],
      undefined,
      [...chunks.values()].filter(isAdminEntry),
    );
    const withCharts = admin.filter((chunk) => modulesOf(chunk).some((id) => id.includes("node_modules/chart.js/")));
    expect(withCharts.length).toBeGreaterThan(0);
  });
});
