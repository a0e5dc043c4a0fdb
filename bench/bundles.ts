import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { build } from "vite";
import { offlineWranglerEnv, root } from "../local/config.ts";

export interface Bundles {
  /** The worker as `wrangler deploy` would upload it. */
  workerGzipKB: number;
  /** The JS a first visit to the storefront loads: the entry and everything it imports statically. */
  storefrontInitialGzipKB: number;
  /** JS that only the admin app (/admin) loads: reachable from its lazy pages and from nothing else. */
  adminGzipKB: number;
}

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
const gzipped = async (path: string) => gzipSync(await readFile(path)).length;

/** Builds the web app into `outDir` (with a manifest, removed afterwards) and sizes its chunks. */
export async function buildWebAndMeasure(outDir: string) {
  await build({
    configFile: resolve(root, "web/vite.config.ts"),
    logLevel: "warn",
    build: { outDir, emptyOutDir: true, manifest: true },
  });
  const manifestDir = join(outDir, ".vite");
  const manifest = JSON.parse(await readFile(join(manifestDir, "manifest.json"), "utf8")) as Record<
    string,
    ManifestChunk
  >;
  await rm(manifestDir, { recursive: true, force: true });

  const isAdmin = (key: string) =>
    Boolean(manifest[key]?.src?.startsWith("src/admin/") && manifest[key].isDynamicEntry);
  const reach = (starts: string[], follow: (chunk: ManifestChunk) => string[], skip = (_: string) => false) => {
    const seen = new Set<string>();
    const walk = (key: string) => {
      if (seen.has(key) || !manifest[key] || skip(key)) return;
      seen.add(key);
      for (const next of follow(manifest[key])) walk(next);
    };
    for (const start of starts) walk(start);
    return new Set([...seen].map((key) => manifest[key].file).filter((file) => file.endsWith(".js")));
  };
  const entries = Object.keys(manifest).filter((key) => manifest[key].isEntry);
  const initial = reach(entries, (chunk) => chunk.imports ?? []);
  const everything = (chunk: ManifestChunk) => [...(chunk.imports ?? []), ...(chunk.dynamicImports ?? [])];
  const storefront = reach(entries, everything, isAdmin);
  const admin = [...reach(Object.keys(manifest).filter(isAdmin), everything)].filter((file) => !storefront.has(file));

  const sum = async (files: Iterable<string>) => {
    let total = 0;
    for (const file of files) total += await gzipped(join(outDir, file));
    return total;
  };
  return {
    storefrontInitialGzipKB: kb(await sum(initial)),
    initialFiles: initial.size,
    adminGzipKB: kb(await sum(admin)),
    adminFiles: admin.length,
  };
}

/** Bundles the worker as `wrangler deploy --dry-run` does and gzips what would be uploaded. */
export async function measureWorker(): Promise<number> {
  const outDir = await mkdtemp(join(tmpdir(), "royal-bench-worker-"));
  try {
    const bin = resolve(root, "node_modules/.bin");
    await promisify(execFile)(resolve(bin, "wrangler"), ["deploy", "--dry-run", "--outdir", outDir], {
      cwd: root,
      env: { ...process.env, ...offlineWranglerEnv, PATH: `${bin}:${process.env.PATH}`, FORCE_COLOR: "0" },
      maxBuffer: 16 * 1024 * 1024,
    });
    let total = 0;
    for (const file of await readdir(outDir)) {
      if (file.endsWith(".map") || file === "README.md") continue;
      total += await gzipped(join(outDir, file));
    }
    return kb(total);
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}
