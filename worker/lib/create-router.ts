import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../env.ts";
import { errorBody } from "./errors.ts";

/** A router whose validation failures answer 400 `invalid_request` with the field issues. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    strict: false,
    defaultHook: (result, c) => {
      if (result.success) return;
      const details = result.error.issues.map((issue) => ({
        path: issue.path.join("."),
        message: issue.message,
        code: issue.code,
      }));
      return c.json(errorBody(c, "invalid_request", "The request is not valid.", details), 400);
    },
  });
}
