import type { Redis } from "@upstash/redis/cloudflare";
import { AppError } from "../lib/errors.ts";
import type { Username } from "../lib/parse-username.ts";
import { rateLimited } from "../lib/rate-limit.ts";
import { hmacHex } from "../lib/tokens.ts";
import { DeliveryError, type Notifier, type OtpPurpose, otpText } from "../notifications/message.ts";

export const otpTtlSeconds = 5 * 60;
export const otpMaxAttempts = 5;
export const otpResendCooldownSeconds = 60;

const codeKey = (purpose: OtpPurpose, username: string) => `otp:${purpose}:${username}`;
const cooldownKey = (purpose: OtpPurpose, username: string) => `otp:cooldown:${purpose}:${username}`;

/**
 * Checks a candidate against the stored code in one atomic step: the comparison visits every
 * character (no early exit), a match deletes the code (single use), a miss counts an attempt and
 * the fifth miss deletes it. Returns 1 for a match, 0 for a miss, -1 when there is no live code.
 */
const checkScript = `
local stored = redis.call('HGET', KEYS[1], 'h')
if not stored then return -1 end
local candidate = ARGV[1]
local diff = 0
if #stored ~= #candidate then diff = 1 end
for i = 1, #stored do
  if string.byte(stored, i) ~= string.byte(candidate, i) then diff = diff + 1 end
end
if diff == 0 then
  redis.call('DEL', KEYS[1])
  return 1
end
local attempts = redis.call('HINCRBY', KEYS[1], 'a', 1)
if attempts >= tonumber(ARGV[2]) then redis.call('DEL', KEYS[1]) end
return 0
`;

export interface OtpDeps {
  redis: Redis;
  notifier: Notifier;
  secret: string;
}

/** A uniformly random 6-digit code (rejection sampling, so no digit is more likely than another). */
export function generateCode(): string {
  const buffer = new Uint32Array(1);
  for (;;) {
    crypto.getRandomValues(buffer);
    if (buffer[0] < 4_294_000_000) return String(buffer[0] % 1_000_000).padStart(6, "0");
  }
}

const hashCode = (secret: string, purpose: OtpPurpose, username: string, code: string) =>
  hmacHex(secret, `${purpose}:${username}:${code}`);

/**
 * Starts the resend cooldown for a username and purpose, whether or not the account exists
 * (so the cooldown tells nothing about accounts). Throws 429 while a cooldown runs.
 */
export async function claimResendSlot(redis: Redis, purpose: OtpPurpose, username: string): Promise<void> {
  const claimed = await redis.set(cooldownKey(purpose, username), "1", { nx: true, ex: otpResendCooldownSeconds });
  if (claimed === null) {
    const ttl = await redis.ttl(cooldownKey(purpose, username));
    throw rateLimited(Date.now() + Math.max(1, ttl) * 1000);
  }
}

/**
 * Stores a fresh code (replacing any earlier one), then sends it. If delivery fails, the code is
 * void (nobody received it), the cooldown is released so the shopper can ask again at once, and the
 * caller gets 503 `unavailable`.
 */
export async function sendCode(deps: OtpDeps, purpose: OtpPurpose, to: Username): Promise<void> {
  const code = generateCode();
  const key = codeKey(purpose, to.value);
  const hash = await hashCode(deps.secret, purpose, to.value, code);
  await deps.redis.multi().del(key).hset(key, { h: hash, a: 0 }).expire(key, otpTtlSeconds).exec();
  try {
    await deps.notifier.send({ to: to.value, channel: to.channel, purpose, code, text: otpText(purpose, code) });
  } catch (error) {
    await deps.redis.eval(
      "if redis.call('HGET', KEYS[1], 'h') == ARGV[1] then redis.call('DEL', KEYS[1]) end return 0",
      [key],
      [hash],
    );
    await deps.redis.del(cooldownKey(purpose, to.value));
    if (error instanceof DeliveryError) {
      throw new AppError("unavailable", "The code could not be sent; try again shortly.", undefined, undefined, error);
    }
    throw error;
  }
}

/** Consumes a code; any failure (wrong, expired, used, dead, other purpose) is the same 401 `invalid_code`. */
export async function consumeCode(
  deps: Omit<OtpDeps, "notifier">,
  purpose: OtpPurpose,
  username: string,
  code: string,
) {
  const candidate = await hashCode(deps.secret, purpose, username, code);
  const result = await deps.redis.eval(checkScript, [codeKey(purpose, username)], [candidate, String(otpMaxAttempts)]);
  if (Number(result) !== 1) throw new AppError("invalid_code", "The code is wrong or no longer valid.");
}
