import { describe, expect, it } from "vitest";
import { bulkSummary } from "./bulk-orders.ts";

const failure = (number: number, message: string) =>
  ({
    id: `id-${number}`,
    ok: false,
    number,
    status: "pending_payment",
    error: { code: "invalid_transition", message },
  }) as const;
const success = { id: "ok", ok: true, order: {} } as never;

describe("a bulk action's summary", () => {
  it("says how many were done and why the others were not", () => {
    expect(
      bulkSummary({ action: "ship", results: [success, success, success, failure(1042, "Order #1042 is not paid")] }),
    ).toBe("Shipped 3 orders; 1 could not be: Order #1042 is not paid.");
    expect(bulkSummary({ action: "cancel", results: [success] })).toBe("Canceled 1 order.");
    expect(bulkSummary({ action: "ship", results: [failure(1, "Order #1 has already shipped")] })).toBe(
      "No order was shipped: Order #1 has already shipped.",
    );
  });
});
