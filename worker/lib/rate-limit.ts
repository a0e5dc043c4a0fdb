import { Ratelimit } from "@upstash/ratelimit";
import type { Redis } from "@upstash/redis/cloudflare";
import { AppError } from "./errors.ts";

type Duration = Parameters<typeof Ratelimit.slidingWindow>[1];

/**
 * The shop's limits, each a sliding window per identifier (a client address, a username or a user):
 * every route that sends a message (a code) or checks a secret (password, code, refresh token, a
 * gateway's signature) counts against one per address and, where an account is named, one per
 * account; what a signed-in user writes for others to read counts per user.
 */
export const limits = {
  otpSendPerIp: [20, "1 h"],
  sendPerUsername: [5, "1 h"],
  codePerUsername: [10, "15 m"],
  codePerIp: [60, "15 m"],
  loginPerUsername: [10, "15 m"],
  loginPerIp: [60, "15 m"],
  registerPerIp: [10, "1 h"],
  refreshPerIp: [120, "15 m"],
  gatewayPerIp: [600, "1 m"],
  // What signed-in shoppers write for others to read (and staff to moderate), per account.
  commentPerUser: [10, "1 h"],
  // Unverified gateway messages kept for investigation, per address (more are answered, not kept).
  rejectionsKeptPerIp: [20, "1 h"],
  ratingPerUser: [60, "1 h"],
  // Guests: orders reserve stock, so an address places a bounded number; order links are messages.
  guestCheckoutPerIp: [20, "15 m"],
  orderLinkPerIp: [20, "1 h"],
  orderLinkPerEmail: [5, "1 h"],
  // Promotion and coupon codes tried (a code is a secret worth money): per address and per account.
  promotionCodePerIp: [60, "15 m"],
  promotionCodePerUser: [30, "15 m"],
} as const satisfies Record<string, readonly [number, Duration]>;

export type LimitName = keyof typeof limits;

/**
 * Counts one attempt against a limit and throws 429 `rate_limited` (with Retry-After) when it is
 * exhausted. Fails closed: if Redis does not answer in time the request is refused with 503, never let through.
 */
export async function enforceLimit(redis: Redis, name: LimitName, identifier: string): Promise<void> {
  const [tokens, window] = limits[name];
  const limiter = new Ratelimit({
    redis,
    limiter: Ratelimit.slidingWindow(tokens, window),
    prefix: `rl:${name}`,
    ephemeralCache: false,
    timeout: 3_000,
    analytics: false,
  });
  let result: Awaited<ReturnType<Ratelimit["limit"]>>;
  try {
    result = await limiter.limit(identifier);
  } catch (error) {
    throw new AppError("unavailable", "Rate limiting is unavailable; try again shortly.", undefined, undefined, error);
  }
  if (result.reason === "timeout")
    throw new AppError("unavailable", "Rate limiting is unavailable; try again shortly.");
  if (!result.success) throw rateLimited(result.reset);
}

/**
 * Counts one against a limit and says whether it was within it, without refusing anything: for
 * work that is skipped past a limit. A Redis that does not answer counts as past it.
 */
export async function withinLimit(redis: Redis, name: LimitName, identifier: string): Promise<boolean> {
  try {
    await enforceLimit(redis, name, identifier);
    return true;
  } catch {
    return false;
  }
}

/** Counts one attempt against each limit at once (one Redis round trip of time); the first refusal wins. */
export async function enforceLimits(redis: Redis, checks: [LimitName, string][]): Promise<void> {
  const outcomes = await Promise.allSettled(checks.map(([name, identifier]) => enforceLimit(redis, name, identifier)));
  const refused = outcomes.find((o): o is PromiseRejectedResult => o.status === "rejected");
  if (refused) throw refused.reason;
}

export function rateLimited(resetAtMs: number): AppError {
  const retryAfter = Math.max(1, Math.ceil((resetAtMs - Date.now()) / 1000));
  return new AppError(
    "rate_limited",
    "Too many attempts; try again later.",
    { retryAfter },
    { "Retry-After": String(retryAfter) },
  );
}
