import { execFileSync } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { offlineWranglerEnv, root } from "../../local/config.ts";

describe("deploying to Cloudflare", () => {
  it("bundles the worker with its Durable Objects and assets (wrangler deploy --dry-run)", async () => {
    const outdir = await mkdtemp(join(tmpdir(), "royal-shop-bundle-"));
    try {
      const output = execFileSync(
        resolve(root, "node_modules/.bin/wrangler"),
        ["deploy", "--dry-run", "--outdir", outdir],
        {
          cwd: root,
          env: {
            ...process.env,
            ...offlineWranglerEnv,
            PATH: `${resolve(root, "node_modules/.bin")}:${process.env.PATH}`,
          },
          encoding: "utf8",
          stdio: ["ignore", "pipe", "pipe"],
        },
      );
      expect(output).toContain("--dry-run: exiting now.");
      expect(output).toMatch(/env\.Catalog \(CatalogRoom\)\s+Durable Object/);
      expect(output).toMatch(/env\.IMAGES \(royal-shop-images\)\s+R2 Bucket/);
      expect((await readdir(outdir)).some((file) => file.endsWith(".js"))).toBe(true);
      // Workers' free plan takes bundles up to 3 MiB compressed.
      const gzipKiB = Number(/gzip: ([\d.]+) KiB/.exec(output)?.[1]);
      expect(gzipKiB).toBeGreaterThan(0);
      expect(gzipKiB).toBeLessThan(3 * 1024);
    } finally {
      await rm(outdir, { recursive: true, force: true });
    }
  }, 60_000);
});
