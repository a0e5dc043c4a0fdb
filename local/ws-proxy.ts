import { createServer, type IncomingMessage, type Server } from "node:http";
import { createRequire } from "node:module";
import { type AddressInfo, connect, type Socket } from "node:net";
import type { WebSocket, WebSocketServer as WebSocketServerType } from "ws";
import type { FaultSwitch } from "./fault-switch.ts";
import { delay, Lane } from "./latency.ts";
import type { Logger } from "./log.ts";

// Loaded through require so that bundlers resolving the "browser" condition still get the Node server.
const { WebSocketServer } = createRequire(import.meta.url)("ws") as typeof import("ws");

export interface RunningProxy {
  url: string;
  stop(): Promise<void>;
}

export interface WsProxyOptions {
  /** 0 picks a free port. */
  port: number;
  /** The `host:port` addresses that clients may reach. */
  allow: string[];
  log: Logger;
  /**
   * Simulated round trip in ms: half is added to each direction of every connection (byte order kept),
   * and the WebSocket upgrade answers one round trip late, as a far proxy would.
   */
  rttMs?: number;
  /** Fault injection (dedicated test proxies only). */
  faults?: FaultSwitch;
}

/**
 * The WebSocket-to-TCP bridge that Neon runs in front of Postgres, for local Postgres: the unmodified
 * `@neondatabase/serverless` driver opens `ws://host/v1?address=db:5432` and speaks the Postgres
 * protocol in binary frames. Only the allowed addresses can be reached.
 */
export function startWsProxy(opts: WsProxyOptions): Promise<RunningProxy> {
  const rttMs = opts.rttMs ?? 0;
  const faults = opts.faults;
  const http: Server = createServer((_req, res) => res.writeHead(426).end("WebSocket only\n"));
  const wss: WebSocketServerType = new WebSocketServer({ noServer: true });
  faults?.attach(http);

  http.on("upgrade", async (req: IncomingMessage, socket: Socket, head: Buffer) => {
    if (new URL(req.url ?? "", "http://proxy").pathname !== "/v1") {
      socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n");
      return;
    }
    socket.on("error", () => socket.destroy());
    // A hung proxy accepts the connection and never upgrades it (unless the mode returns to pass).
    if (faults && !(await faults.whenFlowing(socket))) return;
    await delay(rttMs);
    if (socket.destroyed) return;
    wss.handleUpgrade(req, socket, head, (ws) => bridge(ws, req, socket));
  });

  const bridge = (ws: WebSocket, req: IncomingMessage, socket: Socket) => {
    const address = new URL(req.url ?? "", "http://proxy").searchParams.get("address") ?? "";
    if (!opts.allow.includes(address)) {
      opts.log.error(`refused a connection to ${address || "(no address)"}`);
      ws.close(1008, "address not allowed");
      return;
    }
    const [host, port] = splitHostPort(address);
    const tcp = connect({ host: host === "localhost" ? "127.0.0.1" : host, port, noDelay: true });
    const pending: Buffer[] = [];
    let open = false;
    let messages = 0;
    // Half the round trip each way; a hung proxy stalls both directions.
    const toPostgres = new Lane(rttMs / 2);
    const toClient = new Lane(rttMs / 2);
    const detach = faults?.stallWhileHung([toPostgres, toClient]);
    const drop = () => {
      detach?.();
      toPostgres.clear();
      toClient.clear();
      ws.terminate();
      tcp.destroy();
    };
    if (faults) faults.onCut(socket, drop);

    // Both sides closed: the connection is done with the fault switch.
    let closedSides = 0;
    const sideClosed = () => {
      if (++closedSides === 2) detach?.();
    };

    tcp.on("connect", () => {
      open = true;
      for (const chunk of pending) tcp.write(chunk);
      pending.length = 0;
    });
    tcp.on("data", (data) => toClient.push(() => ws.readyState === ws.OPEN && ws.send(data)));
    // A clean close (not terminate) lets Postgres' last FATAL message reach the client.
    tcp.on("close", () => {
      sideClosed();
      toClient.push(() => ws.close(1000));
    });
    tcp.on("error", (error) => opts.log.error(`postgres socket: ${error.message}`));

    ws.on("message", (data: Buffer) => {
      messages++;
      const limit = faults?.cutAfterMessages;
      if (limit !== undefined && limit !== null && messages > limit) {
        drop();
        socket.resetAndDestroy();
        return;
      }
      if (faults) faults.messages++;
      toPostgres.push(() => (open ? tcp.write(data) : pending.push(data)));
    });
    ws.on("close", (code) => {
      sideClosed();
      // A vanished client (no close frame) leaves nothing in flight worth delivering.
      if (code === 1006) drop();
      else toPostgres.push(() => tcp.end());
    });
    ws.on("error", drop);
  };

  return new Promise((resolve, reject) => {
    http.once("error", reject);
    http.listen(opts.port, "127.0.0.1", () =>
      resolve({
        url: `127.0.0.1:${(http.address() as AddressInfo).port}/v1`,
        stop: () =>
          new Promise<void>((done) => {
            faults?.cut();
            for (const client of wss.clients) client.terminate();
            wss.close();
            http.closeAllConnections();
            http.close(() => done());
          }),
      }),
    );
  });
}

function splitHostPort(address: string): [string, number] {
  const at = address.lastIndexOf(":");
  return [address.slice(0, at), Number(address.slice(at + 1))];
}
