import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";

export const errorCodes = {
  invalid_request: 400,
  variant_required: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  invalid_token: 401,
  invalid_code: 401,
  forbidden: 403,
  unverified: 403,
  not_found: 404,
  username_taken: 409,
  insufficient_stock: 409,
  cart_empty: 409,
  coupon_invalid: 409,
  coupon_expired: 409,
  coupon_exhausted: 409,
  invalid_transition: 409,
  already_paid: 409,
  order_too_large: 409,
  too_many_pending_orders: 409,
  not_shippable: 409,
  shipping_method_unavailable: 409,
  quote_changed: 409,
  idempotency_conflict: 409,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const satisfies Record<string, ContentfulStatusCode>;

export type ErrorCode = keyof typeof errorCodes;

/** The one error type of the API: a code from the contract, a message for people, optional details. */
export class AppError extends Error {
  readonly status: ContentfulStatusCode;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
    cause?: unknown,
  ) {
    super(message, { cause });
    this.status = errorCodes[code];
  }
}

export const errorSchema = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(errorCodes) as [ErrorCode, ...ErrorCode[]]),
      message: z.string(),
      details: z.unknown().optional(),
      requestId: z.string().optional(),
    }),
  })
  .openapi("Error");

export function errorBody(c: Context, code: ErrorCode, message: string, details?: unknown) {
  return { error: { code, message, ...(details === undefined ? {} : { details }), requestId: c.get("requestId") } };
}

/** The error envelope outside Hono (the rooms' admission answers). */
export function errorJson(status: ContentfulStatusCode, code: ErrorCode, message: string): Response {
  return Response.json({ error: { code, message } }, { status, headers: { "x-content-type-options": "nosniff" } });
}

/** The session check's answers from Postgres (see the royal_session function). */
const sessionRefusals: Record<string, AppError> = {
  RS401: new AppError("invalid_token", "The access token is invalid or expired."),
  RS403: new AppError("forbidden", "You are not allowed to do this."),
};

/** The session check's refusal carried by a failed statement, if that is why it failed. */
export const sessionRefusal = (failure: unknown): AppError | undefined => sessionRefusals[sqlState(failure) ?? ""];

export function renderError(failure: Error, c: Context) {
  const error: Error = sessionRefusal(failure) ?? failure;
  if (error instanceof AppError) {
    for (const [name, value] of Object.entries(error.headers ?? {})) c.header(name, value);
    return c.json(errorBody(c, error.code, error.message, error.details), error.status);
  }
  if (error instanceof HTTPException) {
    const code = httpExceptionCode(error.status);
    return c.json(errorBody(c, code, error.message || code.replaceAll("_", " ")), errorCodes[code]);
  }
  if (isDependencyFailure(error)) {
    console.error(
      JSON.stringify({
        level: "error",
        requestId: c.get("requestId"),
        message: "dependency down",
        error: describe(error),
      }),
    );
    return c.json(errorBody(c, "unavailable", "A service the shop depends on is unavailable; try again shortly."), 503);
  }
  console.error(
    JSON.stringify({ level: "error", requestId: c.get("requestId"), message: "unhandled", error: describe(error) }),
  );
  return c.json(errorBody(c, "internal", "Something went wrong on our side."), 500);
}

function httpExceptionCode(status: number): ErrorCode {
  if (status === 413) return "payload_too_large";
  if (status === 415) return "unsupported_media_type";
  if (status === 401) return "unauthenticated";
  if (status === 403) return "forbidden";
  if (status === 404) return "not_found";
  if (status === 429) return "rate_limited";
  if (status === 503) return "unavailable";
  if (status >= 400 && status < 500) return "invalid_request";
  return "internal";
}

/** The SQLSTATE of a Postgres error, wherever a driver wrapped it. */
function sqlState(error: unknown): string | undefined {
  for (let e = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/**
 * Connection-level failures of Postgres or Redis: SQLSTATE classes 08 (connection), 53 (resources),
 * 57P (shutdown), network errors of the runtime, and the drivers' own connection messages.
 */
export function isDependencyFailure(error: unknown): boolean {
  for (let e = error; e instanceof Error || (e && typeof e === "object"); e = (e as { cause?: unknown }).cause) {
    const code = String((e as { code?: unknown }).code ?? "");
    if (/^(08|53|57P)/.test(code) || /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE)$/.test(code)) return true;
    const message = String((e as { message?: unknown }).message ?? "");
    if (
      /network connection lost|connection terminated|connection refused|timeout exceeded when trying to connect|websocket|fetch failed|failed to fetch|error connecting to database|is not queryable|aborted|timed? ?out/i.test(
        message,
      )
    )
      return true;
    if (!(e as { cause?: unknown }).cause) break;
  }
  return false;
}

function describe(error: unknown): string {
  const parts: string[] = [];
  for (let e = error; e; e = (e as { cause?: unknown }).cause) {
    parts.push(e instanceof Error ? `${e.name}: ${e.message}` : String(e));
    if (parts.length > 4) break;
  }
  return parts.join(" <- ");
}
