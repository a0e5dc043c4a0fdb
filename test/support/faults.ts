import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { inject } from "vitest";
import { createFaultProxy, type FaultMode, type FaultProxy, type FaultTarget } from "../../local/fault-api.ts";
import worker from "../../worker/index.ts";
import { origin, randomIp } from "./shop.ts";

type WorkerEnv = Parameters<typeof worker.fetch>[1];

export interface Answer {
  status: number;
  body: any;
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
  env?: Partial<WorkerEnv>;
}

/**
 * Calls the worker as the runtime would, with bindings of the test's choosing, and times the answer.
 * Work the request left in `waitUntil` is awaited too (at most 10 s), so that nothing of it still runs
 * when the next request starts: the Neon driver's endpoints are module settings that each request's
 * context sets from its own bindings.
 */
export async function send(path: string, options: SendOptions = {}): Promise<Answer> {
  const headers = new Headers(options.headers);
  headers.set("cf-connecting-ip", options.ip ?? randomIp());
  if (options.token) headers.set("authorization", `Bearer ${options.token}`);
  if (options.body !== undefined) headers.set("content-type", "application/json");
  const ctx = createExecutionContext();
  const started = performance.now();
  const response = await worker.fetch(
    new Request(path.startsWith("http") ? path : `${origin}/api/v1${path}`, {
      method: options.method ?? (options.body === undefined ? "GET" : "POST"),
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    }),
    { ...env, ...options.env } as WorkerEnv,
    ctx,
  );
  const text = await response.text();
  const ms = performance.now() - started;
  await Promise.race([waitOnExecutionContext(ctx), new Promise((resolve) => setTimeout(resolve, 10_000))]);
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {}
  return { status: response.status, body, headers: response.headers, ms };
}

/** A dedicated fault proxy in front of one service, and the bindings that route the worker through it. */
export async function faultProxy(target: FaultTarget, mode: FaultMode = "pass") {
  const proxy: FaultProxy = await createFaultProxy(inject("faults"), target, { mode });
  return Object.assign(proxy, { env: { [proxy.binding]: proxy.url } as Partial<WorkerEnv> });
}

/** Prints one fault's answer and time, the figure the issue asks for. */
export function report(what: string, answer: Answer) {
  const code = answer.body?.error?.code ?? answer.body?.status ?? "";
  console.log(`fault: ${what} → ${answer.status} ${code} in ${(answer.ms / 1000).toFixed(2)} s`);
}

/** The error envelope of the contract, with the code asked for. */
export function isError(answer: Answer, status: number, code: string): boolean {
  return (
    answer.status === status &&
    answer.body?.error?.code === code &&
    typeof answer.body.error.message === "string" &&
    typeof answer.body.error.requestId === "string"
  );
}
