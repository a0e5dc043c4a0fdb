import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env.ts";
import { AppError, errorBody } from "../lib/errors.ts";

const maxJsonBodyBytes = 64 * 1024;

const jsonLimit = bodyLimit({
  maxSize: maxJsonBodyBytes,
  onError: (c) => c.json(errorBody(c, "payload_too_large", `The body is larger than ${maxJsonBodyBytes} bytes.`), 413),
});

/** Routes whose bodies have a larger limit of their own: an image upload, a catalog file. */
const ownLimit = (method: string, path: string) =>
  method === "POST" && (path.endsWith("/admin/images") || path.endsWith("/admin/products/import"));

/** Every other body is small. */
export const limitBody = createMiddleware<AppEnv>((c, next) =>
  ownLimit(c.req.method, c.req.path) ? next() : jsonLimit(c, next),
);

// biome-ignore lint/suspicious/noControlCharactersInRegex: the character refused.
const nul = /\u0000|\\u0000/i;

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Gateways' messages are read as signed bytes and recorded whatever they hold (routes/payments.ts). */
const isGatewayMessage = (path: string) => path.includes("/payments/");

/**
 * Text never holds U+0000: Postgres cannot store it, so a path, query or JSON body carrying it is
 * 400 here rather than an error from the database.
 */
export const refuseNul = createMiddleware<AppEnv>(async (c, next) => {
  if (isGatewayMessage(c.req.path)) return next();
  const url = new URL(c.req.url);
  const inUrl = nul.test(decoded(url.pathname)) || nul.test(decoded(url.search.replaceAll("+", " ")));
  const inBody = c.req.header("content-type")?.includes("json") && nul.test(await c.req.text());
  if (inUrl || inBody) {
    throw new AppError("invalid_request", "Text may not contain the NUL character (U+0000).", [
      { path: inUrl ? "url" : "body", message: "contains U+0000" },
    ]);
  }
  await next();
});
