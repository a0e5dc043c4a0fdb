import { resolve } from "node:path";
import { build, type Rollup } from "vite";
import { root } from "./config.ts";
import type { Logger } from "./log.ts";

const configFile = resolve(root, "web/vite.config.ts");

/** Builds the web app into web/dist, which the worker serves as static assets. */
export async function buildWeb(log: Logger): Promise<void> {
  await build({ configFile, logLevel: "warn" });
  log.info("web app built into web/dist");
}

/** Builds once, then rebuilds on every change; resolves after the first build. */
export async function watchWeb(log: Logger): Promise<{ close(): Promise<void> }> {
  const watcher = (await build({ configFile, logLevel: "warn", build: { watch: {} } })) as Rollup.RollupWatcher;
  await new Promise<void>((resolveFirst, reject) => {
    watcher.on("event", (event) => {
      if (event.code === "END") {
        log.info("web app built into web/dist (rebuilds on change)");
        resolveFirst();
      } else if (event.code === "ERROR") {
        log.error(String(event.error.message));
        reject(event.error);
      }
    });
  });
  return { close: () => watcher.close() };
}
