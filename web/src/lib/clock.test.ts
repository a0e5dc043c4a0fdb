import { describe, expect, it } from "vitest";
import { timeLeft } from "./clock.ts";

describe("timeLeft", () => {
  const now = Date.parse("2026-12-05T10:00:00Z");
  it("counts down as a clock, with the days in front when there are any, and stops at zero", () => {
    expect(timeLeft("2026-12-05T10:12:30Z", now)).toBe("00:12:30");
    expect(timeLeft("2026-12-07T13:04:05Z", now)).toBe("2d 03:04:05");
    expect(timeLeft("2026-12-05T09:00:00Z", now)).toBe("00:00:00");
  });
});
