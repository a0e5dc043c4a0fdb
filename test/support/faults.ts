import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { type ClientResponse, hc } from "hono/client";
import { inject } from "vitest";
import { createFaultProxy, type FaultMode, type FaultProxy, type FaultTarget } from "../../local/fault-api.ts";
import type { AppType } from "../../worker/app.ts";
import worker from "../../worker/index.ts";
import type { Answer as ClientAnswer } from "./client.ts";
import { origin, randomIp } from "./shop.ts";

type WorkerRequest = Parameters<typeof worker.fetch>[0];
type WorkerEnv = Parameters<typeof worker.fetch>[1];
/** Bindings that replace the test stack's for one request only (a proxy's URL, say). */
export type Bindings = Partial<WorkerEnv>;

/** An answer and its time; `body` is the parsed JSON (or the text, when it is not JSON). */
export interface Answer<Body = unknown> {
  status: number;
  body: Body;
  headers: Headers;
  /** From the request leaving to its whole answer read, in ms. */
  ms: number;
}

export interface SendOptions {
  method?: string;
  body?: unknown;
  token?: string;
  ip?: string;
  headers?: Record<string, string>;
  /** Bindings that replace the test stack's for this request only (a proxy's URL, say). */
  env?: Bindings;
}

/**
 * Runs one request through the worker as the runtime would, with the bindings given, and times the
 * answer. Work the request left in `waitUntil` is awaited too (at most 10 s), so that nothing of it
 * still runs when the next request starts: the Neon driver's endpoints are module settings that each
 * request's context sets from its own bindings.
 */
async function run(request: WorkerRequest, bindings: Bindings | undefined) {
  const ctx = createExecutionContext();
  const started = performance.now();
  const response = await worker.fetch(request, { ...env, ...bindings } as WorkerEnv, ctx);
  const text = await response.text();
  const ms = performance.now() - started;
  await Promise.race([waitOnExecutionContext(ctx), new Promise((resolve) => setTimeout(resolve, 10_000))]);
  return { response, text, ms };
}

/** An answer's JSON, or its text when it is not JSON. */
function parsed(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return text;
  }
}

/**
 * Calls the worker with a raw request, for what the typed `faultClient` cannot send: a path with a
 * query the route does not declare, a body that must go as it is, a URL the shop handed out. `T` is
 * what the test reads of the body (it is not checked).
 */
export async function send<T = unknown>(path: string, options: SendOptions = {}): Promise<Answer<T>> {
  const headers = new Headers(options.headers);
  headers.set("cf-connecting-ip", options.ip ?? randomIp());
  if (options.token) headers.set("authorization", `Bearer ${options.token}`);
  if (options.body !== undefined) headers.set("content-type", "application/json");
  const request: WorkerRequest = new Request(path.startsWith("http") ? path : `${origin}/api/v1${path}`, {
    method: options.method ?? (options.body === undefined ? "GET" : "POST"),
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const { response, text, ms } = await run(request, options.env);
  return { status: response.status, body: parsed(text) as T, headers: response.headers, ms };
}

export interface FaultClientOptions {
  token?: string;
  /** The client address rate limits see: one of its own per client unless one is given. */
  ip?: string;
  headers?: Record<string, string>;
  /** Bindings that replace the test stack's for this client's requests (a proxy's URL, say). */
  env?: Bindings;
}

/** The time of each answer `faultClient` gave, for `timed`. */
const times = new WeakMap<object, number>();

/**
 * The API as `client()` of client.ts types it (`hc<AppType>`), but each request runs as `send` runs
 * it: with the bindings of the test's choosing, timed, its `waitUntil` work awaited. Read its calls
 * with `timed`.
 */
export function faultClient(options: FaultClientOptions = {}) {
  const headers: Record<string, string> = { ...options.headers, "cf-connecting-ip": options.ip ?? randomIp() };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  return hc<AppType>(origin, {
    headers,
    fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
      // hc sends a URL and the method, headers and body it built.
      const request: WorkerRequest = new Request(input, {
        method: init?.method,
        headers: init?.headers,
        body: init?.body,
      });
      const { response, text, ms } = await run(request, options.env);
      const answered = new Response(text || null, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
      times.set(answered, ms);
      return answered;
    },
  }).api.v1;
}

/** An answer of a `faultClient` call: one member per status the route declares, with its time. */
export type Timed<R> = ClientAnswer<R> & { ms: number };

/** Awaits a call of `faultClient()`: status, body (narrowed by checking the status), headers and time. */
export async function timed<R extends ClientResponse<unknown, number, string>>(call: Promise<R>): Promise<Timed<R>> {
  const response = await call;
  const body = parsed(await response.text());
  return {
    status: response.status,
    body,
    headers: response.headers,
    ms: times.get(response) ?? Number.NaN,
  } as Timed<R>;
}

/** A dedicated fault proxy in front of one service, and the bindings that route the worker through it. */
export async function faultProxy(target: FaultTarget, mode: FaultMode = "pass") {
  const proxy: FaultProxy = await createFaultProxy(inject("faults"), target, { mode });
  return Object.assign(proxy, { env: { [proxy.binding]: proxy.url } as Bindings });
}

/** A field of a body that is a JSON object, else undefined. */
function fieldOf(body: unknown, key: string): unknown {
  return typeof body === "object" && body !== null ? (body as Record<string, unknown>)[key] : undefined;
}

/** Prints one fault's answer and time, the figure the issue asks for. */
export function report(what: string, answer: Answer) {
  const code = fieldOf(fieldOf(answer.body, "error"), "code") ?? fieldOf(answer.body, "status") ?? "";
  console.log(`fault: ${what} → ${answer.status} ${String(code)} in ${(answer.ms / 1000).toFixed(2)} s`);
}

/** The error envelope of the contract, with the code asked for. */
export function isError(answer: Answer, status: number, code: string): boolean {
  const error = fieldOf(answer.body, "error");
  return (
    answer.status === status &&
    fieldOf(error, "code") === code &&
    typeof fieldOf(error, "message") === "string" &&
    typeof fieldOf(error, "requestId") === "string"
  );
}
