import { exports } from "cloudflare:workers";
import PartySocket from "partysocket";

/**
 * A WebSocket as partysocket expects one, opened through the worker's own router: workerd tests have
 * no port to dial, so the upgrade is a `fetch` to the worker and the socket is the answer's. It opens,
 * carries messages and closes like a browser's socket, so partysocket's reconnecting works unchanged.
 */
export class WorkerWebSocket extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSING = 2;
  readonly CLOSED = 3;
  readyState = 0;
  binaryType: "blob" | "arraybuffer" = "blob";
  readonly protocol = "";
  readonly extensions = "";
  readonly bufferedAmount = 0;
  /** Rooms (by name) out of reach: every attempt to open one fails at once, as across a network outage. */
  static readonly unreachable = new Set<string>();
  #socket: WebSocket | undefined;

  constructor(readonly url: string) {
    super();
    const room = new URL(url).pathname.split("/").at(-1) ?? "";
    if (WorkerWebSocket.unreachable.has(room)) {
      setTimeout(() => this.#closed(1006, "unreachable"), 0);
      return;
    }
    exports.default
      .fetch(url.replace(/^ws/, "http"), { headers: { Upgrade: "websocket" } })
      .then((response) => {
        const socket = response.webSocket;
        if (response.status !== 101 || !socket) return this.#closed(1006, `upgrade refused: ${response.status}`);
        socket.accept();
        this.#socket = socket;
        socket.addEventListener("message", (event) =>
          this.dispatchEvent(new MessageEvent("message", { data: event.data })),
        );
        socket.addEventListener("close", (event) => this.#closed(event.code, event.reason));
        socket.addEventListener("error", () => this.dispatchEvent(new Event("error")));
        if (this.readyState !== WorkerWebSocket.CONNECTING) return socket.close(1000, "closed while opening");
        this.readyState = WorkerWebSocket.OPEN;
        this.dispatchEvent(new Event("open"));
      })
      .catch((error: Error) => this.#closed(1006, error.message));
  }

  send(data: string | ArrayBuffer) {
    this.#socket?.send(data);
  }

  close(code = 1000, reason = "") {
    if (this.readyState >= WorkerWebSocket.CLOSING) return;
    this.readyState = WorkerWebSocket.CLOSING;
    if (this.#socket) this.#socket.close(code, reason);
    else this.#closed(code, reason);
  }

  #closed(code: number, reason: string) {
    if (this.readyState === WorkerWebSocket.CLOSED) return;
    this.readyState = WorkerWebSocket.CLOSED;
    this.dispatchEvent(Object.assign(new Event("close"), { code, reason, wasClean: code === 1000 }));
  }
}

export interface RoomClient<M> {
  socket: PartySocket;
  /** Every message as received, parsed. */
  received: M[];
  opens: number;
  closes: { code: number; at: number }[];
  /** When each `open` happened (ms, the test's clock). */
  openedAt: number[];
  /** Waits until `predicate` holds (checked on every event), at most `ms`. */
  until(predicate: () => boolean, what: string, ms?: number): Promise<void>;
}

/**
 * A room client as the web app makes it (web/src/lib/live.ts): partysocket, a fresh query (ticket) for
 * every attempt, reconnecting for ever; here with short delays so a test need not wait seconds.
 */
export function roomClient<M>(
  party: string,
  room: string,
  query: () => Promise<Record<string, string>>,
  parse: (data: unknown) => M,
): RoomClient<M> {
  const socket = new PartySocket({
    host: "shop.test",
    protocol: "ws",
    party,
    room,
    query,
    WebSocket: WorkerWebSocket as unknown as typeof WebSocket,
    minReconnectionDelay: 100,
    maxReconnectionDelay: 400,
    maxRetries: Number.POSITIVE_INFINITY,
  });
  const wakers = new Set<() => void>();
  const wake = () => {
    for (const w of wakers) w();
  };
  const client: RoomClient<M> = {
    socket,
    received: [],
    opens: 0,
    closes: [],
    openedAt: [],
    async until(predicate, what, ms = 8_000) {
      const deadline = Date.now() + ms;
      while (!predicate()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise<void>((resolve) => {
          const done = () => {
            wakers.delete(done);
            resolve();
          };
          wakers.add(done);
          setTimeout(done, 50);
        });
      }
    },
  };
  socket.addEventListener("open", () => {
    client.opens += 1;
    client.openedAt.push(Date.now());
    wake();
  });
  socket.addEventListener("close", (event) => {
    client.closes.push({ code: (event as CloseEvent).code, at: Date.now() });
    wake();
  });
  socket.addEventListener("message", (event) => {
    client.received.push(parse(JSON.parse(String((event as MessageEvent).data))));
    wake();
  });
  return client;
}
