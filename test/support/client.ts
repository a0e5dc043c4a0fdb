import { exports } from "cloudflare:workers";
import { type ClientResponse, hc } from "hono/client";
import type { AppType } from "../../worker/app.ts";

export const origin = "http://shop.test";

/**
 * A client address from the IPv6 documentation prefix, in a /64 of its own (limits count an IPv6
 * client by its /64); it only ever travels as a header value.
 */
export const randomIp = () => `2001:db8:${hex()}:${hex()}::${hex()}`;
const hex = () => Math.floor(Math.random() * 0x10000).toString(16);

export interface ClientOptions {
  token?: string;
  /** Who answers: the worker of the test run, unless a test runs one of its own (another env). */
  fetch?: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
  /** The client address rate limits see; each test uses its own so limits do not leak between tests. */
  ip?: string;
  headers?: Record<string, string>;
}

/**
 * The API as a client written against it sees it: the worker's own route types (`hc<AppType>`),
 * called inside workerd. A renamed field or a changed answer breaks a test at compile time.
 */
export function client(options: ClientOptions = {}) {
  const headers: Record<string, string> = { ...options.headers, "cf-connecting-ip": options.ip ?? randomIp() };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const fetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => exports.default.fetch(input, init));
  return hc<AppType>(origin, { fetch, headers }).api.v1;
}

/** One answer of a call: its status and body as the route declares them, one member per status. */
export type Answer<R> =
  R extends ClientResponse<infer Body, infer Status, infer Format>
    ? { status: Status; body: Format extends "json" ? Body : undefined; headers: Headers }
    : never;

/** Awaits a call of `client()`: status and body, so checking the status narrows the body to that answer. */
export async function answer<R extends ClientResponse<unknown, number, string>>(call: Promise<R>): Promise<Answer<R>> {
  const response = await call;
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers } as Answer<R>;
}

/**
 * The body of the answer with `status`, narrowed to what the route declares for it; anything else
 * fails the test with what came instead.
 */
export function expectStatus<A extends { status: number; body: unknown }, S extends A["status"]>(
  result: A,
  status: S,
): Extract<A, { status: S }>["body"] {
  if (result.status !== status)
    throw new Error(`expected ${status}, got ${result.status} ${JSON.stringify(result.body)}`);
  return result.body as Extract<A, { status: S }>["body"];
}
