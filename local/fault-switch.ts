import type { Server, Socket } from "node:net";
import type { FaultMode } from "./fault-api.ts";
import type { Lane } from "./latency.ts";

/**
 * The fault state of one dedicated proxy: its mode, the client connections it holds (dropped by a cut)
 * and the stalls waiting for the mode to return to `pass`. A server joins it with `attach(server)`.
 */
export class FaultSwitch {
  #mode: FaultMode = "pass";
  cutAfterMessages: number | null = null;
  messages = 0;
  readonly #connections = new Map<Socket, (() => void)[]>();
  readonly #listeners = new Set<(mode: FaultMode) => void>();

  get mode(): FaultMode {
    return this.#mode;
  }

  get connections(): number {
    return this.#connections.size;
  }

  setMode(mode: FaultMode): void {
    this.#mode = mode;
    if (mode === "refuse") this.cut();
    for (const listener of [...this.#listeners]) listener(mode);
  }

  /** Calls `listener` on every mode change until the returned function is called. */
  onChange(listener: (mode: FaultMode) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Every client connection of `server` is refused while the mode is `refuse`, and tracked for cuts. */
  attach(server: Server): void {
    server.on("connection", (socket: Socket) => {
      if (this.#mode === "refuse") {
        socket.resetAndDestroy();
        return;
      }
      this.#connections.set(socket, []);
      socket.once("close", () => this.#connections.delete(socket));
    });
  }

  /** Runs `teardown` too when `socket` is cut (e.g. to drop the upstream side at once). */
  onCut(socket: Socket, teardown: () => void): void {
    this.#connections.get(socket)?.push(teardown);
  }

  /** Drops every live client connection at once (a reset, no goodbye); answers how many there were. */
  cut(): number {
    const dropped = [...this.#connections];
    this.#connections.clear();
    for (const [socket, teardowns] of dropped) {
      socket.resetAndDestroy();
      for (const teardown of teardowns) teardown();
    }
    return dropped.length;
  }

  /** Resolves true once traffic may flow (at once in `pass`), or false if `socket` closes first. */
  whenFlowing(socket: Socket): Promise<boolean> {
    if (this.#mode === "pass") return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (flowing: boolean) => {
        stop();
        socket.off("close", onClose);
        resolve(flowing);
      };
      const onClose = () => done(false);
      const stop = this.onChange((mode) => mode === "pass" && done(true));
      socket.once("close", onClose);
    });
  }

  /** Pauses the lanes while the mode is `hang`; returns the function that detaches them. */
  stallWhileHung(lanes: Lane[]): () => void {
    const apply = (mode: FaultMode) => {
      for (const lane of lanes) mode === "hang" ? lane.pause() : lane.resume();
    };
    if (this.#mode === "hang") apply("hang");
    return this.onChange(apply);
  }
}
