import type { ChildProcess } from "node:child_process";
import { offlineWranglerEnv } from "./config.ts";
import type { Logger } from "./log.ts";
import { spawnService } from "./processes.ts";

/** `wrangler dev` serving the worker, its Durable Objects and the built web app on one port. */
export function startWranglerDev(opts: {
  port: number;
  vars: Record<string, string>;
  persistTo?: string;
  log: Logger;
}): ChildProcess {
  const args = ["dev", "--port", String(opts.port), "--ip", "127.0.0.1", "--show-interactive-dev-session=false"];
  if (opts.persistTo) args.push("--persist-to", opts.persistTo);
  for (const [name, value] of Object.entries(opts.vars)) args.push("--var", `${name}:${value}`);
  return spawnService("wrangler", args, { log: opts.log, env: offlineWranglerEnv });
}
