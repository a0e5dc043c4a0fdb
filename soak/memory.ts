import { readdir, readFile } from "node:fs/promises";

/**
 * The resident memory of the workerd processes this process started (through the shop's host and
 * wrangler dev), read from /proc: the worker's runtime, its isolates and Durable Objects together.
 * Undefined where /proc is not there to read.
 */
export async function workerdRssMb(): Promise<number | undefined> {
  let entries: string[];
  try {
    entries = await readdir("/proc");
  } catch {
    return undefined;
  }
  const processes = new Map<number, { parent: number; name: string; rssKb: number }>();
  await Promise.all(
    entries
      .filter((entry) => /^\d+$/.test(entry))
      .map(async (entry) => {
        try {
          const status = await readFile(`/proc/${entry}/status`, "utf8");
          const field = (name: string) => new RegExp(`^${name}:\\s*(.+)$`, "m").exec(status)?.[1]?.trim() ?? "";
          processes.set(Number(entry), {
            parent: Number(field("PPid")),
            name: field("Name"),
            rssKb: Number.parseInt(field("VmRSS"), 10) || 0,
          });
        } catch {
          // gone meanwhile
        }
      }),
  );
  const descends = (pid: number) => {
    for (let p = processes.get(pid)?.parent, hops = 0; p && hops < 20; p = processes.get(p)?.parent, hops++) {
      if (p === process.pid) return true;
    }
    return false;
  };
  const workerd = [...processes.entries()].filter(([pid, p]) => p.name.startsWith("workerd") && descends(pid));
  if (workerd.length === 0) return undefined;
  return Math.round(workerd.reduce((sum, [, p]) => sum + p.rssKb, 0) / 1024);
}
