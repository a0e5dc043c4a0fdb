import { ApiError } from "./http.ts";

/** A form's own checks that failed before anything was sent, by field (the API's paths). */
export class FormInvalid extends Error {
  constructor(
    readonly fields: Record<string, string>,
    message = "Check the fields marked below.",
  ) {
    super(message);
  }
}

/** Field messages by path, from the API's `details: [{ path, message }]` or the form's own checks. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (error instanceof FormInvalid) return error.fields;
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return {};
  const fields: Record<string, string> = {};
  for (const issue of error.details as unknown[]) {
    if (!issue || typeof issue !== "object") continue;
    const { path, message } = issue as { path?: unknown; message?: unknown };
    if (typeof path === "string" && path !== "" && typeof message === "string") fields[path] ??= message;
  }
  return fields;
}
