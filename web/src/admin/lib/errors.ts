import { describeError } from "../../components/FormError.tsx";
import { FormInvalid, fieldErrors } from "../../lib/field-errors.ts";
import { ApiError } from "../../lib/http.ts";

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
