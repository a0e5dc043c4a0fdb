import { describe, expect, it } from "vitest";
import { FormInvalid } from "../lib/field-errors.ts";
import { ApiError } from "../lib/http.ts";
import { describeError } from "./FormError.tsx";

describe("describeError", () => {
  it("never shows a server's or a proxy's own words for a failure on its side", () => {
    expect(describeError(new ApiError(502, "unknown", "Bad Gateway"))).toBe(
      "Something went wrong on our side. Try again in a moment.",
    );
    expect(describeError(new ApiError(500, "internal", 'relation "products" does not exist'))).not.toContain(
      "relation",
    );
  });

  it("says a known refusal in the shop's words, and a coupon's reason as the server gives it", () => {
    expect(describeError(new ApiError(409, "insufficient_stock", "stock"))).toBe(
      "Not enough of this item is left in stock.",
    );
    expect(describeError(new ApiError(422, "coupon_invalid", "The cart is below this coupon's minimum."))).toBe(
      "The cart is below this coupon's minimum.",
    );
  });

  it("sends the reader to the fields when the API named them, and says a form's own check as it is", () => {
    const named = new ApiError(400, "invalid_request", "Invalid request", [{ path: "password", message: "Too short" }]);
    expect(describeError(named)).toBe("Some fields need a change: see the message beside each.");
    expect(describeError(new FormInvalid({ size: "Choose one." }, "Choose a size."))).toBe("Choose a size.");
  });
});
