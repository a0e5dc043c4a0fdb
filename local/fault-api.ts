/**
 * The fault-injection control API of the test stack, and a small client for it that needs nothing but
 * `fetch`, so that tests in workerd and in Node use it alike. The control server (local/faults.ts)
 * makes, on request, a dedicated proxy on a fresh port in front of one local service; the test points
 * a worker binding at the proxy's URL and switches the proxy's mode at any time. The shared endpoints
 * of the stack are never touched, so test files running in parallel do not disturb each other.
 *
 *   POST   /proxies            {"target": "postgres-ws"|"postgres-http"|"redis", "mode"?, "cutAfterMessages"?}  → 201 state
 *   GET    /proxies/:id                                                           → 200 state
 *   PATCH  /proxies/:id        {"mode"?: "pass"|"refuse"|"hang", "cutAfterMessages"?: n|null} → 200 state
 *   POST   /proxies/:id/cut    drops every live connection of that proxy at once  → 200 state + {"cut": n}
 *   DELETE /proxies/:id        stops the proxy                                     → 204
 *   GET    /proxies            every proxy of the control server                   → 200 {"proxies": [state…]}
 *
 * Errors answer 400 (a request the API does not accept) or 404 (no such proxy) with {"error": "…"}.
 */

/** What a dedicated proxy stands in front of. */
export type FaultTarget = "postgres-ws" | "postgres-http" | "redis";

/**
 * - `pass`: traffic flows normally.
 * - `refuse`: the service is down: live connections are reset and new ones are reset on arrival.
 * - `hang`: the service stops answering: new connections are accepted and never answered, traffic on
 *   live connections stalls (nothing is lost: it flows again, in order, when the mode returns to `pass`).
 */
export type FaultMode = "pass" | "refuse" | "hang";

export const faultTargets: readonly FaultTarget[] = ["postgres-ws", "postgres-http", "redis"];
export const faultModes: readonly FaultMode[] = ["pass", "refuse", "hang"];

/** The worker binding that each target's URL is meant for. */
export const faultBindings = {
  "postgres-ws": "NEON_WS_PROXY",
  "postgres-http": "NEON_HTTP_ENDPOINT",
  redis: "UPSTASH_REDIS_REST_URL",
} as const satisfies Record<FaultTarget, string>;

export interface FaultProxyState {
  id: string;
  target: FaultTarget;
  /** `127.0.0.1:<port>/v1` (postgres-ws), `http://127.0.0.1:<port>/sql` (postgres-http), `http://127.0.0.1:<port>` (redis). */
  url: string;
  /** The binding the URL replaces. */
  binding: (typeof faultBindings)[FaultTarget];
  mode: FaultMode;
  /** postgres-ws only: each connection passes its first n client messages and is dropped when message n+1 arrives (not forwarded). */
  cutAfterMessages: number | null;
  /** Client connections open right now. */
  connections: number;
  /** postgres-ws only: client WebSocket messages forwarded so far, all connections together. */
  messages: number;
}

export interface FaultProxyCreate {
  target: FaultTarget;
  mode?: FaultMode;
  cutAfterMessages?: number | null;
}

export interface FaultProxyPatch {
  mode?: FaultMode;
  cutAfterMessages?: number | null;
}

/** A dedicated proxy, as the client sees it. `state` is refreshed by every call. */
export interface FaultProxy {
  readonly id: string;
  readonly url: string;
  readonly binding: FaultProxyState["binding"];
  state: FaultProxyState;
  setMode(mode: FaultMode): Promise<FaultProxyState>;
  cutAfterMessages(n: number | null): Promise<FaultProxyState>;
  /** Drops every live connection at once; answers how many were dropped. */
  cut(): Promise<number>;
  refresh(): Promise<FaultProxyState>;
  close(): Promise<void>;
}

/** Makes a dedicated proxy through the control server at `controlUrl` (the `faults` value the test stack provides). */
export async function createFaultProxy(
  controlUrl: string,
  target: FaultTarget,
  init: Omit<FaultProxyCreate, "target"> = {},
): Promise<FaultProxy> {
  const base = controlUrl.replace(/\/$/, "");
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`fault control ${method} ${path}: ${response.status} ${await response.text()}`);
    return (response.status === 204 ? undefined : await response.json()) as T;
  };
  const state = await call<FaultProxyState>("POST", "/proxies", { target, ...init });
  const path = `/proxies/${state.id}`;
  const proxy: FaultProxy = {
    id: state.id,
    url: state.url,
    binding: state.binding,
    state,
    setMode: async (mode) => (proxy.state = await call<FaultProxyState>("PATCH", path, { mode })),
    cutAfterMessages: async (n) => (proxy.state = await call<FaultProxyState>("PATCH", path, { cutAfterMessages: n })),
    cut: async () => {
      const answer = await call<FaultProxyState & { cut: number }>("POST", `${path}/cut`);
      proxy.state = answer;
      return answer.cut;
    },
    refresh: async () => (proxy.state = await call<FaultProxyState>("GET", path)),
    close: () => call<void>("DELETE", path),
  };
  return proxy;
}

declare module "vitest" {
  export interface ProvidedContext {
    /** The fault-injection control server of the test stack (`http://127.0.0.1:<port>`). */
    faults: string;
  }
}
