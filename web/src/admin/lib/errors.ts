import { describeError } from "../../components/FormError.tsx";
import { ApiError } from "../../lib/http.ts";

/** A form's own checks that failed before anything was sent, by field (the API's paths). */
export class FormInvalid extends Error {
  constructor(
    readonly fields: Record<string, string>,
    message = "Check the fields marked below.",
  ) {
    super(message);
  }
}

const staffMessages: Record<string, string> = {
  forbidden: "Only admins can do this.",
  not_found: "It does not exist any more: someone may have deleted it. Reload to see the latest.",
  invalid_transition: "The order has moved on in the meantime; its current status is shown above.",
  payload_too_large: "The file is too large: images may be at most 5 MB.",
  unsupported_media_type: "Only PNG, JPEG, GIF and WebP images can be uploaded.",
  coupon_invalid: "This coupon is inactive: activate it before granting it.",
  username_taken: "An account with this email or phone already exists.",
  internal: "Something went wrong on our side. Try again; if it keeps failing, tell the developers.",
};

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

/** A failure in words staff understand: the API's field errors point at the form, conflicts say why. */
export function describeAdminError(error: unknown): string {
  if (error instanceof FormInvalid) return error.message;
  if (error instanceof ApiError) {
    if (error.code === "invalid_request" && Object.keys(fieldErrors(error)).length > 0)
      return "Check the fields marked below.";
    if (error.code === "conflict" || error.code === "invalid_request") return error.message;
    if (staffMessages[error.code]) return staffMessages[error.code];
  }
  return describeError(error);
}

export const isNotFound = (error: unknown) => error instanceof ApiError && error.status === 404;
export const isConflict = (error: unknown) => error instanceof ApiError && error.status === 409;
