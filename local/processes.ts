import { type ChildProcess, spawn } from "node:child_process";
import { resolve } from "node:path";
import { root } from "./config.ts";
import type { Logger } from "./log.ts";

/** Runs a project binary (node_modules/.bin) in its own process group, its output prefixed. */
export function spawnService(
  bin: string,
  args: string[],
  opts: { log: Logger; env?: Record<string, string> },
): ChildProcess {
  const binDir = resolve(root, "node_modules/.bin");
  const child = spawn(resolve(binDir, bin), args, {
    cwd: root,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    // node_modules/.bin first, so the project's pinned Node runs the tool.
    env: { ...process.env, PATH: `${binDir}:${process.env.PATH}`, FORCE_COLOR: "0", ...opts.env },
  });
  child.stdout?.on("data", (data) => opts.log.info(String(data)));
  child.stderr?.on("data", (data) => opts.log.error(String(data)));
  return child;
}

/** Stops a process group: SIGTERM, then SIGKILL if it lingers. */
export async function stopService(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-(child.pid as number), name);
    } catch {
      // already gone
    }
  };
  signal("SIGTERM");
  const timer = setTimeout(() => signal("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}

export async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
