import { readdir, readFile, readlink } from "node:fs/promises";

interface Workerd {
  pid: number;
  rssKb: number;
  /** Whether it was started with an inspector (the runtime wrangler dev starts for the worker). */
  inspects: boolean;
}

/** The workerd processes this process started (through the shop's host and wrangler dev), from /proc. */
async function workerdProcesses(): Promise<Workerd[] | undefined> {
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
  const mine = [...processes.entries()].filter(([pid, p]) => p.name.startsWith("workerd") && descends(pid));
  return Promise.all(
    mine.map(async ([pid, p]) => {
      const args = (await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "")).split("\0");
      return { pid, rssKb: p.rssKb, inspects: args.some((arg) => arg.startsWith("--inspector-addr=")) };
    }),
  );
}

/**
 * The resident memory of those workerd processes: the worker's runtime, its isolates and Durable
 * Objects together, and the development tooling's own workers. Undefined where /proc is not there.
 */
export async function workerdRssMb(): Promise<number | undefined> {
  const workerd = await workerdProcesses();
  if (!workerd?.length) return undefined;
  return Math.round(workerd.reduce((sum, p) => sum + p.rssKb, 0) / 1024);
}

const inspectors = new Map<number, string>();

/**
 * The shop worker's live JavaScript heap: a full collection through workerd's inspector, then the
 * heap in use. This is what a leak in the shop's own code would grow (an isolate on Cloudflare has
 * 128 MB), apart from the runtime's and the tooling's native memory that the resident size counts.
 */
export async function workerHeapMb(worker = "royal-shop"): Promise<number | undefined> {
  const runtime = (await workerdProcesses())?.find((p) => p.inspects);
  const url = runtime && (inspectors.get(runtime.pid) ?? (await inspectorUrl(runtime.pid, `core:user:${worker}`)));
  if (!runtime || !url) return undefined;
  inspectors.set(runtime.pid, url);
  const socket = new WebSocket(url);
  try {
    return await new Promise<number | undefined>((resolve) => {
      const timer = setTimeout(() => resolve(undefined), 5_000);
      socket.onopen = () => {
        socket.send(JSON.stringify({ id: 1, method: "HeapProfiler.collectGarbage" }));
        socket.send(JSON.stringify({ id: 2, method: "Runtime.getHeapUsage" }));
      };
      socket.onmessage = (message) => {
        const answer = JSON.parse(String(message.data)) as { id?: number; result?: { usedSize?: number } };
        if (answer.id !== 2) return;
        clearTimeout(timer);
        const used = answer.result?.usedSize;
        resolve(used === undefined ? undefined : Math.round((used / 1024 / 1024) * 10) / 10);
      };
      socket.onerror = () => {
        clearTimeout(timer);
        resolve(undefined);
      };
    });
  } finally {
    socket.close();
  }
}

/**
 * The inspector's WebSocket for one worker of a workerd process. wrangler dev lets the runtime pick
 * the inspector's port, so it is found among the ports the process listens on (/proc/net/tcp, by the
 * socket inodes among its open files), asking each for its list of targets.
 */
async function inspectorUrl(pid: number, target: string): Promise<string | undefined> {
  const inodes = new Set<string>();
  for (const fd of await readdir(`/proc/${pid}/fd`).catch(() => [] as string[])) {
    const link = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => "");
    const inode = /^socket:\[(\d+)\]$/.exec(link)?.[1];
    if (inode) inodes.add(inode);
  }
  const table = await readFile("/proc/net/tcp", "utf8").catch(() => "");
  const ports = table
    .split("\n")
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((cols) => cols[3] === "0A" && inodes.has(cols[9]))
    .map((cols) => Number.parseInt(cols[1].split(":")[1], 16));
  const found = await Promise.all(
    ports.map((port) =>
      fetch(`http://127.0.0.1:${port}/json`, { signal: AbortSignal.timeout(2_000) })
        .then((r) => r.json() as Promise<{ id: string; webSocketDebuggerUrl: string }[]>)
        .then((targets) => targets.find((t) => t.id === target)?.webSocketDebuggerUrl)
        .catch(() => undefined),
    ),
  );
  return found.find(Boolean);
}
