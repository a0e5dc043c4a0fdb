import { createRequire } from "node:module";
import { devWorkerVars } from "../local/config.ts";
import type { logger } from "../local/log.ts";
import { freePort } from "../local/ports.ts";
import { stopService, waitForHttp } from "../local/processes.ts";
import { generateSecrets } from "../local/secrets.ts";
import { buildWeb } from "../local/web.ts";
import { startWranglerDev } from "../local/worker.ts";
import { startTestStack } from "../test/setup/test-stack.ts";

const { WebSocket } = createRequire(import.meta.url)("ws") as typeof import("ws");

/**
 * Realtime benchmark on the local stack: latency from a committed cart change (its HTTP response)
 * to its arrival at N sockets of the shopper's room, and the messages per second one room delivers.
 */
const quiet = { info: () => {}, error: (text: string) => process.stderr.write(text) };
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

const stack = await startTestStack();
await buildWeb(quiet);
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const worker = startWranglerDev({
  port,
  vars: { ...devWorkerVars, ...stack.bindings, ...(await generateSecrets()) },
  persistTo: `${process.cwd()}/.local/bench-wrangler-${port}`,
  log: quiet as ReturnType<typeof logger>,
});

const cleanup = async () => {
  await stopService(worker);
  await stack.stop();
  const { rm } = await import("node:fs/promises");
  await rm(`${process.cwd()}/.local/bench-wrangler-${port}`, { recursive: true, force: true });
};
// Interrupted or not, the stack goes away with the benchmark.
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.once(signal, () => void cleanup().finally(() => process.exit(130)));

try {
  await waitForHttp(`${base}/api/v1/health`, 60_000);
  const api = async (path: string, init: RequestInit = {}, token?: string) => {
    const headers = new Headers(init.headers);
    headers.set("content-type", "application/json");
    if (token) headers.set("authorization", `Bearer ${token}`);
    const response = await fetch(`${base}/api/v1${path}`, { ...init, headers });
    return response.json() as Promise<any>;
  };
  const session = await api("/auth/login", {
    method: "POST",
    body: JSON.stringify({ username: "shopper@royal.shop", password: "royal-shopper" }),
  });
  const token = session.accessToken as string;
  const userId = session.user.id as string;
  const product = await api("/products/the-edge-handbook");

  /** Arrival times of each cart version at the sockets, filled as messages come in. */
  const arrivals = new Map<number, number[]>();
  let deliveries = 0;

  async function openSockets(count: number) {
    const { ticket } = await api("/realtime/ticket", { method: "POST" }, token);
    const sockets: InstanceType<typeof WebSocket>[] = [];
    for (let opened = 0; opened < count; opened += 100) {
      const batch = Array.from({ length: Math.min(100, count - opened) }, () => {
        const socket = new WebSocket(`ws://127.0.0.1:${port}/parties/shopper/${userId}?ticket=${ticket}`);
        sockets.push(socket);
        return new Promise<void>((resolve, reject) => {
          socket.on("message", (data) => {
            const message = JSON.parse(String(data));
            if (message.type === "snapshot") resolve();
            if (message.type !== "cart") return;
            deliveries += 1;
            const times = arrivals.get(message.cart.version) ?? [];
            times.push(performance.now());
            arrivals.set(message.cart.version, times);
          });
          socket.on("error", reject);
        });
      });
      await Promise.all(batch);
    }
    return sockets;
  }

  const until = async (done: () => boolean, what: string) => {
    const deadline = Date.now() + 30_000;
    while (!done()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 1));
    }
  };
  const change = (quantity: number) =>
    api(`/cart/items/${product.id}`, { method: "PUT", body: JSON.stringify({ quantity }) }, token) as Promise<{
      version: number;
    }>;

  const rows: string[][] = [];
  for (const count of [1, 100, 1000]) {
    const sockets = await openSockets(count);
    const latencies: number[] = [];
    const responses: number[] = [];
    for (let i = 0; i < 20; i++) {
      // Timed from the moment the change is sent: the commit happens inside the request, and the
      // push starts right after it, so it often reaches the sockets before the HTTP response does.
      const sentAt = performance.now();
      const cart = await change((i % 5) + 1);
      responses.push(performance.now() - sentAt);
      await until(
        () => (arrivals.get(cart.version)?.length ?? 0) >= count,
        `version ${cart.version} at ${count} sockets`,
      );
      for (const at of arrivals.get(cart.version) ?? []) latencies.push(at - sentAt);
    }
    latencies.sort((a, b) => a - b);
    responses.sort((a, b) => a - b);

    // Throughput: 100 changes fired 10 at a time; every delivery to every socket counts.
    deliveries = 0;
    const started = performance.now();
    for (let round = 0; round < 10; round++)
      await Promise.all(Array.from({ length: 10 }, (_, i) => change((i % 5) + 1)));
    const expected = 100 * count;
    await until(() => deliveries >= expected, `${expected} deliveries`).catch(() => undefined);
    const seconds = (performance.now() - started) / 1000;
    rows.push([
      String(count),
      percentile(responses, 50).toFixed(1),
      percentile(latencies, 50).toFixed(1),
      percentile(latencies, 99).toFixed(1),
      latencies[latencies.length - 1].toFixed(1),
      `${deliveries}/${expected}`,
      Math.round(deliveries / seconds).toLocaleString("en-US"),
    ]);
    for (const socket of sockets) socket.close();
    arrivals.clear();
  }

  const header = ["sockets", "HTTP p50 ms", "push p50 ms", "push p99 ms", "push max ms", "delivered", "messages/s"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padStart(widths[i])).join(" | ")} |`;
  console.log(
    "\nRealtime: cart change sent → committed → arrival at every socket of one shopper room (20 changes per row)",
  );
  console.log(line(header));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const row of rows) console.log(line(row));
  console.log("HTTP: the change's own response time. Push: from sending the change to its arrival at each socket.");
  console.log(
    "Throughput: 100 cart changes, 10 concurrent (they serialise on the cart row); messages/s counts deliveries to all sockets.",
  );
} finally {
  await cleanup();
}
