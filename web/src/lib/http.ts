import { type ClientResponse, hc } from "hono/client";
import type { SuccessStatusCode } from "hono/utils/http-status";
import type { AppType } from "../../../worker/app.ts";

/** A failed API call, carrying the contract's error code and details. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** What a route answers on success, as its definition in the worker declares it. */
export type Ok<R> =
  R extends ClientResponse<infer Body, infer Status, infer Format>
    ? Status extends SuccessStatusCode
      ? Format extends "json"
        ? Body
        : undefined
      : never
    : never;

/** The success answer of a call of the typed client (`Ok<Call>`): a call is a function returning one. */
export type Answer<Call extends (...args: never[]) => Promise<unknown>> = Ok<Awaited<ReturnType<Call>>>;

/** Awaits a call of the typed client: its success body, or an `ApiError` with the contract's code. */
export async function read<R extends ClientResponse<unknown, number, string>>(call: Promise<R>): Promise<Ok<R>> {
  const response = await call;
  if (response.status === 204) return undefined as Ok<R>;
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
    throw new ApiError(
      response.status,
      error?.code ?? "unknown",
      error?.message ?? response.statusText,
      error?.details,
    );
  }
  return body as Ok<R>;
}

/** Only the query parameters that are set: an empty filter is no filter. */
export function setOnly<Query extends Record<string, unknown>>(query: Query): Query {
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined && value !== "")) as Query;
}

const origin = () => (typeof location === "undefined" ? "http://localhost" : location.origin);

/** The typed client of the API, following the worker's routes (named, so its type is written once). */
export type ApiClient = ReturnType<typeof hc<AppType>>["api"]["v1"];

/** The typed client; `fetch` decides who calls. */
export const createClient = (fetcher: typeof fetch = (input, init) => fetch(input, init)): ApiClient =>
  hc<AppType>(origin(), { fetch: fetcher }).api.v1;

/** Anonymous calls: catalog reads made this way stay cacheable at the edge. */
export const publicApi: ApiClient = createClient();
