import { Show } from "solid-js";
import { FormInvalid, fieldErrors } from "../lib/field-errors.ts";
import { ApiError } from "../lib/http.ts";

// Codes whose server message is not already in a shopper's words. (coupon_invalid's is, and says which
// of its reasons applies: unknown code, or a cart below the coupon's minimum.)
const messages: Record<string, string> = {
  invalid_credentials: "The username or password is wrong.",
  invalid_code: "That code is wrong or has expired. Ask for a new one.",
  username_taken: "An account with this email or phone already exists. Sign in instead.",
  unverified: "Verify your account first: we sent you a code.",
  rate_limited: "Too many attempts. Wait a minute and try again.",
  unavailable: "We could not reach a service we depend on. Try again shortly.",
  insufficient_stock: "Not enough of this item is left in stock.",
  variant_required: "This product comes in several variants: choose one on its page.",
  cart_empty: "Your cart is empty.",
  coupon_expired: "This coupon has expired.",
  coupon_exhausted: "This coupon has been used up.",
};

/** A form's failure in words a shopper understands; fields the API or the form named are said beside them. */
export function describeError(error: unknown): string {
  if (error instanceof FormInvalid) return error.message;
  if (Object.keys(fieldErrors(error)).length > 0) return "Some fields need a change: see the message beside each.";
  if (error instanceof ApiError) {
    const known = messages[error.code];
    if (known) return known;
    // A failure on the server's side (or of a proxy before it) has no words for a shopper in it.
    if (error.status >= 500 || error.code === "unknown")
      return "Something went wrong on our side. Try again in a moment.";
    return error.message;
  }
  return "Something went wrong. Check your connection and try again.";
}

export function FormError(props: { error: unknown }) {
  return (
    <Show when={props.error}>
      <p class="form-error" role="alert">
        {describeError(props.error)}
      </p>
    </Show>
  );
}
