import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { type AddressInfo, connect, createServer as createTcpServer, type Socket } from "node:net";
import {
  type FaultMode,
  type FaultProxyCreate,
  type FaultProxyPatch,
  type FaultProxyState,
  type FaultTarget,
  faultBindings,
  faultModes,
  faultTargets,
} from "./fault-api.ts";
import { FaultSwitch } from "./fault-switch.ts";
import { Lane } from "./latency.ts";
import type { Logger } from "./log.ts";
import { startWsProxy } from "./ws-proxy.ts";

export interface RunningFaultProxy {
  url: string;
  stop(): Promise<void>;
}

/**
 * A TCP proxy in front of an HTTP endpoint (the Neon HTTP endpoint or the Upstash REST endpoint) whose
 * faults act on the connections themselves. When a client drops its connection (a cut, or the client
 * giving up) the upstream connection is dropped too, as a network cut would.
 */
export function startTcpFaultProxy(opts: {
  upstream: { host: string; port: number };
  faults: FaultSwitch;
  log: Logger;
}): Promise<{ port: number; stop(): Promise<void> }> {
  const server = createTcpServer({ noDelay: true });
  opts.faults.attach(server);
  server.on("connection", (client: Socket) => {
    if (client.destroyed) return;
    const toUpstream = new Lane(0);
    const toClient = new Lane(0);
    const detach = opts.faults.stallWhileHung([toUpstream, toClient]);
    const upstream = connect({ ...opts.upstream, noDelay: true });
    // The client gone (it gave up, or a cut): the upstream connection goes too, as across a real network.
    const drop = () => {
      detach();
      toUpstream.clear();
      toClient.clear();
      client.destroy();
      upstream.destroy();
    };
    opts.faults.onCut(client, drop);
    client.on("data", (data) => toUpstream.push(() => upstream.write(data)));
    client.on("end", () => toUpstream.push(() => upstream.end()));
    client.on("close", drop);
    client.on("error", drop);
    upstream.on("data", (data) => toClient.push(() => client.write(data)));
    upstream.on("close", () => toClient.push(() => client.end()));
    upstream.on("error", (error) => {
      opts.log.error(`fault proxy upstream: ${error.message}`);
      drop();
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () =>
      resolve({
        port: (server.address() as AddressInfo).port,
        stop: () =>
          new Promise<void>((done) => {
            opts.faults.cut();
            server.close(() => done());
          }),
      }),
    );
  });
}

export interface FaultControlOptions {
  /** The local Postgres, the only database the dedicated WebSocket proxies reach. */
  postgres: { host: string; port: number };
  /** The stack's Neon HTTP endpoint, e.g. `http://127.0.0.1:<port>/sql`. */
  neonHttpUrl: string;
  /** The stack's Upstash REST endpoint, e.g. `http://127.0.0.1:<port>`. */
  redisUrl: string;
  /** The stack's simulated round trip, which the dedicated WebSocket proxies add as the shared one does. */
  rttMs: number;
  log: Logger;
  /** At most this many proxies live at once (each holds a port). */
  maxProxies?: number;
}

export interface RunningFaultControl {
  url: string;
  stop(): Promise<void>;
}

interface Entry {
  id: string;
  target: FaultTarget;
  url: string;
  faults: FaultSwitch;
  stop(): Promise<void>;
}

/** The control server of the test stack: the API is described in local/fault-api.ts. */
export async function startFaultControl(opts: FaultControlOptions): Promise<RunningFaultControl> {
  const proxies = new Map<string, Entry>();
  const maxProxies = opts.maxProxies ?? 256;
  let sequence = 0;

  const stateOf = (entry: Entry): FaultProxyState => ({
    id: entry.id,
    target: entry.target,
    url: entry.url,
    binding: faultBindings[entry.target],
    mode: entry.faults.mode,
    cutAfterMessages: entry.faults.cutAfterMessages,
    connections: entry.faults.connections,
    messages: entry.faults.messages,
  });

  const create = async (target: FaultTarget): Promise<Entry> => {
    const faults = new FaultSwitch();
    const id = `p${++sequence}`;
    if (target === "postgres-ws") {
      const address = `${opts.postgres.host}:${opts.postgres.port}`;
      const proxy = await startWsProxy({
        port: 0,
        allow: [...new Set([address, `localhost:${opts.postgres.port}`, `127.0.0.1:${opts.postgres.port}`])],
        rttMs: opts.rttMs,
        faults,
        log: opts.log,
      });
      return { id, target, url: proxy.url, faults, stop: proxy.stop };
    }
    const upstream = new URL(target === "postgres-http" ? opts.neonHttpUrl : opts.redisUrl);
    const proxy = await startTcpFaultProxy({
      upstream: { host: upstream.hostname, port: Number(upstream.port) },
      faults,
      log: opts.log,
    });
    const url = target === "postgres-http" ? `http://127.0.0.1:${proxy.port}/sql` : `http://127.0.0.1:${proxy.port}`;
    return { id, target, url, faults, stop: proxy.stop };
  };

  const apply = (entry: Entry, patch: FaultProxyPatch) => {
    if (patch.cutAfterMessages !== undefined) entry.faults.cutAfterMessages = patch.cutAfterMessages;
    if (patch.mode !== undefined) entry.faults.setMode(patch.mode);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const send = (status: number, body?: unknown) => {
      if (body === undefined) res.writeHead(status).end();
      else res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    };
    const path = new URL(req.url ?? "/", "http://control").pathname.replace(/\/$/, "");
    const [, collection, id, action, ...rest] = path.split("/");
    if (collection !== "proxies" || rest.length > 0) return send(404, { error: `no route ${req.method} ${path}` });

    let body: unknown;
    try {
      body = await readJson(req);
    } catch (error) {
      return send(400, { error: (error as Error).message });
    }

    if (!id) {
      if (req.method === "GET") return send(200, { proxies: [...proxies.values()].map(stateOf) });
      if (req.method !== "POST") return send(405, { error: "use GET or POST on /proxies" });
      const problem = checkCreate(body);
      if (problem) return send(400, { error: problem });
      if (proxies.size >= maxProxies) return send(400, { error: `at most ${maxProxies} proxies at once` });
      const request = body as FaultProxyCreate;
      const entry = await create(request.target);
      proxies.set(entry.id, entry);
      apply(entry, request);
      return send(201, stateOf(entry));
    }

    const entry = proxies.get(id);
    if (!entry) return send(404, { error: `no proxy ${id}` });
    if (action === "cut") {
      if (req.method !== "POST") return send(405, { error: "use POST on /proxies/:id/cut" });
      const cut = entry.faults.cut();
      return send(200, { ...stateOf(entry), cut });
    }
    if (action) return send(404, { error: `no route ${req.method} ${path}` });
    if (req.method === "GET") return send(200, stateOf(entry));
    if (req.method === "PATCH") {
      const problem = checkPatch(body, entry.target);
      if (problem) return send(400, { error: problem });
      apply(entry, body as FaultProxyPatch);
      return send(200, stateOf(entry));
    }
    if (req.method === "DELETE") {
      proxies.delete(id);
      await entry.stop();
      return send(204);
    }
    return send(405, { error: "use GET, PATCH or DELETE on /proxies/:id" });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: Error) => {
      opts.log.error(`fault control: ${error.stack ?? error.message}`);
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: error.message }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: async () => {
      await Promise.all([...proxies.values()].map((entry) => entry.stop()));
      proxies.clear();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) throw new Error("request body too large");
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8").trim();
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new Error("request body is not JSON");
  }
}

function checkCreate(body: unknown): string | undefined {
  if (!isObject(body) || !faultTargets.includes(body.target as FaultTarget)) {
    return `target must be one of ${faultTargets.join(", ")}`;
  }
  return checkPatch(body, body.target as FaultTarget, ["target"]);
}

function checkPatch(body: unknown, target: FaultTarget, extra: string[] = []): string | undefined {
  if (!isObject(body)) return "expected a JSON object";
  const unknown = Object.keys(body).filter((key) => ![...extra, "mode", "cutAfterMessages"].includes(key));
  if (unknown.length > 0) return `unknown field ${unknown.join(", ")}`;
  if (body.mode !== undefined && !faultModes.includes(body.mode as FaultMode)) {
    return `mode must be one of ${faultModes.join(", ")}`;
  }
  const n = body.cutAfterMessages;
  if (n !== undefined && n !== null) {
    if (target !== "postgres-ws") return "cutAfterMessages applies to postgres-ws proxies only";
    if (typeof n !== "number" || !Number.isInteger(n) || n < 0)
      return "cutAfterMessages must be a whole number ≥ 0 or null";
  }
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
