import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { holdToast, releaseToast, showToast, toasts } from "./toast.ts";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("toasts", () => {
  it("stays long enough to reach its links, and as long as the pointer or focus is on it", () => {
    showToast("Added Royal Kettle to your cart.", [{ label: "View cart", href: "/cart" }]);
    const [shown] = toasts();
    vi.advanceTimersByTime(14_000);
    expect(toasts()).toHaveLength(1);
    holdToast(shown.id);
    vi.advanceTimersByTime(120_000);
    expect(toasts()).toHaveLength(1);
    releaseToast(shown.id);
    vi.advanceTimersByTime(14_999);
    expect(toasts()).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(toasts()).toEqual([]);
  });

  it("goes after 6 s when it only says something, and a new one takes the old one's place", () => {
    showToast("Saved.");
    showToast("Saved again.");
    expect(toasts().map((t) => t.message)).toEqual(["Saved again."]);
    vi.advanceTimersByTime(6_000);
    expect(toasts()).toEqual([]);
  });
});
