import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import { connect } from "node:net";
import type { WebSocketServer as WebSocketServerType } from "ws";
import type { Logger } from "./log.ts";

// Loaded through require so that bundlers resolving the "browser" condition still get the Node server.
const { WebSocketServer } = createRequire(import.meta.url)("ws") as typeof import("ws");

export interface RunningProxy {
  url: string;
  stop(): Promise<void>;
}

/**
 * The WebSocket-to-TCP bridge that Neon runs in front of Postgres, for local Postgres: the unmodified
 * `@neondatabase/serverless` driver opens `ws://host/v1?address=db:5432` and speaks the Postgres
 * protocol in binary frames. Only the allowed addresses can be reached.
 */
export function startWsProxy(opts: { port: number; allow: string[]; log: Logger }): Promise<RunningProxy> {
  const http: Server = createServer((_req, res) => res.writeHead(426).end("WebSocket only\n"));
  const wss: WebSocketServerType = new WebSocketServer({ server: http, path: "/v1" });

  wss.on("connection", (socket, req) => {
    const address = new URL(req.url ?? "", "http://proxy").searchParams.get("address") ?? "";
    if (!opts.allow.includes(address)) {
      opts.log.error(`refused a connection to ${address || "(no address)"}`);
      socket.close(1008, "address not allowed");
      return;
    }
    const [host, port] = splitHostPort(address);
    const tcp = connect({ host: host === "localhost" ? "127.0.0.1" : host, port, noDelay: true });
    const pending: Buffer[] = [];
    let open = false;

    tcp.on("connect", () => {
      open = true;
      for (const chunk of pending) tcp.write(chunk);
      pending.length = 0;
    });
    tcp.on("data", (data) => socket.readyState === socket.OPEN && socket.send(data));
    // A clean close (not terminate) lets Postgres' last FATAL message reach the client.
    tcp.on("close", () => socket.close(1000));
    tcp.on("error", (error) => opts.log.error(`postgres socket: ${error.message}`));

    socket.on("message", (data: Buffer) => (open ? tcp.write(data) : pending.push(data)));
    socket.on("close", () => tcp.end());
    socket.on("error", () => tcp.destroy());
  });

  return new Promise((resolve) => {
    http.listen(opts.port, "127.0.0.1", () =>
      resolve({
        url: `127.0.0.1:${opts.port}/v1`,
        stop: () =>
          new Promise<void>((done) => {
            for (const client of wss.clients) client.terminate();
            wss.close();
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
