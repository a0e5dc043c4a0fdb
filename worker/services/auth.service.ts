import { AppError } from "../lib/errors.ts";
import { type Channel, parseUsername, type Username } from "../lib/parse-username.ts";
import { hashPassword, needsRehash, verifyPassword } from "../lib/password.ts";
import { enforceLimits } from "../lib/rate-limit.ts";
import {
  hmacHex,
  newRefreshToken,
  refreshTokenTtlSeconds,
  sha256Hex,
  signAccessToken,
  successorRefreshToken,
} from "../lib/tokens.ts";
import { requireUsername } from "../lib/username.ts";
import { accountExistsText, type OtpPurpose } from "../notifications/message.ts";
import type { ActorContext, ShopContext } from "../platform/context.ts";
import { adoptGuestOrders } from "../repositories/orders.repository.ts";
import {
  findRefreshToken,
  insertRefreshToken,
  revokeFamily,
  rotateRefreshToken,
} from "../repositories/refresh-tokens.repository.ts";
import {
  claimUsername,
  endAllSessions,
  findUserById,
  findUserByUsername,
  markChannelVerified,
  setPasswordHash,
  type UserRow,
  updateUser,
  verifyOwner,
} from "../repositories/users.repository.ts";
import type { Session, User } from "../schemas/auth.ts";
import { claimResendSlot, consumeCode, otpResendCooldownSeconds, sendCode } from "./otp.service.ts";

/** Accounts work for a client: its address is what the per-address limits count. */
export interface AuthContext extends ShopContext {
  readonly ip: string;
}

/** Checked against when the username is unknown, so a failed login takes as long either way. */
const decoyHash = "pbkdf2_sha256$100000$94BImoEoZKQlcHQThU46eQ==$nk00GltEClVqiQnZ0tzcZrTOaC5WeRNvbqqJnZ6Hgf0=";

export function publicUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    email: row.email,
    phone: row.phone,
    isEmailVerified: row.isEmailVerified,
    isPhoneVerified: row.isPhoneVerified,
    role: row.role,
    displayName: row.displayName,
  };
}

const channelOf = (user: UserRow): Channel => (user.email === user.username ? "email" : "sms");
const isVerified = (user: UserRow) => (channelOf(user) === "email" ? user.isEmailVerified : user.isPhoneVerified);
const otpDeps = (ctx: AuthContext) => ({ redis: ctx.redis, notifier: ctx.notifier, secret: ctx.config.otpSecret });

/** A new, unverified account as registration answers it, whichever account the username names. */
const registeredView = (id: string, username: Username): User => ({
  id,
  username: username.value,
  email: username.channel === "email" ? username.value : null,
  phone: username.channel === "sms" ? username.value : null,
  isEmailVerified: false,
  isPhoneVerified: false,
  role: "customer",
  displayName: null,
});

/**
 * The id answered for a username a verified account holds: a version 4 UUID like any other, the same
 * each time for that username (as a never-verified account's id is), and not the account's id.
 */
async function standInId(ctx: ShopContext, username: string): Promise<string> {
  const hex = await hmacHex(ctx.config.otpSecret, `registration-stand-in:${username}`);
  const variant = ((Number.parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** How long a registration's password waits, for the client that registered, to be set by the verification. */
export const registrationTtlSeconds = 24 * 60 * 60;
const registrationKey = async (username: string, registration: string) =>
  `registration:password:${username}:${await sha256Hex(registration)}`;

/**
 * Registers a username, answering the same (201, a new unverified account) whether it was free, held
 * by an account never verified, or held by a verified one, in the same work and time; messages go out
 * without holding the answer. A free or never-verified username gets a verify code; the owner of a
 * verified account is told by message instead. The account has no password until it is verified:
 * the password is held for the client that registered, under the secret `registration` (a cookie),
 * so that only the verification made by that same client sets it.
 */
export async function register(
  ctx: AuthContext,
  input: { username: string; password: string },
): Promise<{ user: User; registration: string }> {
  const username = requireUsername(input.username, ctx.config.phoneRegion);
  await enforceLimits(ctx.redis, [
    ["registerPerIp", ctx.ip],
    ["sendPerUsername", username.value],
  ]);
  const passwordHash = await hashPassword(input.password);
  const registration = newRefreshToken();
  const { row, created } = await claimUsername(ctx.db, { username: username.value, channel: username.channel });
  await ctx.redis
    .pipeline()
    .set(`otp:cooldown:verify:${username.value}`, "1", { ex: otpResendCooldownSeconds })
    .set(await registrationKey(username.value, registration), passwordHash, { ex: registrationTtlSeconds })
    .exec();
  if (row && !isVerified(row)) {
    ctx.afterAnswer("registration code", () => sendCode(otpDeps(ctx), "verify", username));
    return { user: registeredView(row.id, username), registration };
  }
  if (row?.active) {
    ctx.afterAnswer("registration notice", () =>
      ctx.notifier.send({
        to: username.value,
        channel: username.channel,
        purpose: "account_exists",
        code: null,
        text: accountExistsText,
      }),
    );
  }
  const id = created ? (row as UserRow).id : await standInId(ctx, username.value);
  return { user: registeredView(id, username), registration };
}

/**
 * Sends a code when the account can use it; answers the same, in the same time, whether or not it
 * exists: the code goes out without holding the answer.
 */
export async function requestCode(ctx: AuthContext, input: { username: string; purpose: OtpPurpose }): Promise<void> {
  const username = requireUsername(input.username, ctx.config.phoneRegion);
  await enforceLimits(ctx.redis, [
    ["otpSendPerIp", ctx.ip],
    ["sendPerUsername", username.value],
  ]);
  await claimResendSlot(ctx.redis, input.purpose, username.value);
  const user = await findUserByUsername(ctx.db, username.value);
  if (!user?.active) return;
  const eligible = input.purpose === "verify" ? !isVerified(user) : input.purpose === "login" ? isVerified(user) : true;
  if (eligible) ctx.afterAnswer(`${input.purpose} code`, () => sendCode(otpDeps(ctx), input.purpose, username));
}

async function redeemCode(ctx: AuthContext, purpose: OtpPurpose, rawUsername: string, code: string) {
  const username = requireUsername(rawUsername, ctx.config.phoneRegion);
  await enforceLimits(ctx.redis, [
    ["codePerIp", ctx.ip],
    ["codePerUsername", username.value],
  ]);
  await consumeCode(otpDeps(ctx), purpose, username.value, code);
  const user = await findUserByUsername(ctx.db, username.value);
  if (!user?.active) throw new AppError("invalid_code", "The code is wrong or no longer valid.");
  return { user, username };
}

/**
 * Verifies the account's email or phone with a code and signs in. The first verification proves who
 * owns the account, so it sets its password: the one given here, else the one this same client
 * registered with (its `registration` secret), else none (a code sign-in or a reset sets one later).
 * Nobody else's password survives it: someone who registered another person's address set nothing.
 */
export async function verify(
  ctx: AuthContext,
  input: { username: string; code: string; password?: string },
  registration?: string,
): Promise<Session> {
  const { user, username } = await redeemCode(ctx, "verify", input.username, input.code);
  if (isVerified(user)) return startSession(ctx, user);
  const passwordHash = input.password
    ? await hashPassword(input.password)
    : registration
      ? await takeRegisteredPassword(ctx, username.value, registration)
      : null;
  const verified = await verifyOwner(ctx.db, user.id, username.channel, passwordHash);
  // The email is the account's now: the orders placed with it as a guest join its history.
  if (verified && username.channel === "email") {
    const adopted = await adoptGuestOrders(ctx.db, user.id, username.value);
    if (adopted.length > 0) ctx.live.orders(adopted);
  }
  return startSession(ctx, verified ?? user);
}

async function takeRegisteredPassword(ctx: ShopContext, username: string, registration: string) {
  const key = await registrationKey(username, registration);
  const held = await ctx.redis.get<string>(key);
  if (held) await ctx.redis.del(key);
  return typeof held === "string" ? held : null;
}

export async function loginWithCode(ctx: AuthContext, input: { username: string; code: string }): Promise<Session> {
  const { user } = await redeemCode(ctx, "login", input.username, input.code);
  if (!isVerified(user)) throw new AppError("unverified", "Verify your account before signing in.");
  return startSession(ctx, user);
}

export async function login(ctx: AuthContext, input: { username: string; password: string }): Promise<Session> {
  const username: Username | null = parseUsername(input.username, ctx.config.phoneRegion);
  await enforceLimits(ctx.redis, [
    ["loginPerIp", ctx.ip],
    ...(username ? [["loginPerUsername", username.value] as ["loginPerUsername", string]] : []),
  ]);
  const user = username ? await findUserByUsername(ctx.db, username.value) : undefined;
  const passwordOk = await verifyPassword(input.password, user?.passwordHash ?? decoyHash);
  if (!user?.passwordHash || !passwordOk || !user.active) {
    throw new AppError("invalid_credentials", "The username or password is wrong.");
  }
  if (!isVerified(user)) throw new AppError("unverified", "Verify your account before signing in.");
  if (needsRehash(user.passwordHash)) await setPasswordHash(ctx.db, user.id, await hashPassword(input.password));
  return startSession(ctx, user);
}

/**
 * Rotates a refresh token: the presented one is spent for its successor in the same family. Requests
 * presenting it at once (several tabs, a retry) share that successor within a short grace window;
 * presenting a spent token later, or after its successor was used, means it leaked, so the whole
 * family is revoked.
 */
export async function refresh(ctx: ShopContext, refreshToken: string): Promise<Session> {
  const presented = await sha256Hex(refreshToken);
  const successor = await successorRefreshToken(ctx.config.otpSecret, refreshToken);
  const rotated = await rotateRefreshToken(ctx.db, presented, await sha256Hex(successor));
  if (!rotated) {
    const known = await findRefreshToken(ctx.db, presented);
    if (known?.rotatedAt) await revokeFamily(ctx.db, known.familyId);
    throw new AppError("invalid_token", "The refresh token is invalid, expired or already used.");
  }
  const user = await findUserById(ctx.db, rotated.userId);
  if (!user?.active) {
    await revokeFamily(ctx.db, rotated.familyId);
    throw new AppError("invalid_token", "The refresh token is invalid, expired or already used.");
  }
  return {
    accessToken: await accessTokenFor(ctx, user, rotated.familyId),
    refreshToken: successor,
    user: publicUser(user),
  };
}

/** Ends the refresh token's session and closes its sockets. */
export async function logout(ctx: ShopContext, refreshToken: string): Promise<void> {
  const known = await findRefreshToken(ctx.db, await sha256Hex(refreshToken));
  if (!known) return;
  await revokeFamily(ctx.db, known.familyId);
  ctx.live.disconnect(known.userId, { sessionId: known.familyId }, "signed out");
}

/** Sets a new password and ends every session, sockets included. */
export async function resetPassword(
  ctx: AuthContext,
  input: { username: string; code: string; password: string },
): Promise<void> {
  const { user, username } = await redeemCode(ctx, "reset", input.username, input.code);
  const passwordHash = await hashPassword(input.password);
  await ctx.transaction(async (tx) => {
    await setPasswordHash(tx, user.id, passwordHash);
    // Receiving the code proves the channel too.
    await markChannelVerified(tx, user.id, username.channel);
    await endAllSessions(tx, user.id);
  });
  ctx.live.disconnect(user.id, { userId: user.id }, "password changed");
}

/**
 * Changes the display name. It leaves the shop-wide catalog cache alone (a shopper changing their
 * name in a loop must not make every catalog read a miss): the name shows on cached review and
 * comment lists when those expire, within 30 s.
 */
export async function updateProfile(ctx: ActorContext, profile: { displayName: string | null }) {
  const row = await updateUser(ctx.db, ctx.actor.id, { displayName: profile.displayName });
  if (!row) throw new AppError("not_found", "No such user.");
  return publicUser(row);
}

/** Signs the user out on every device: refresh tokens revoked, access tokens refused, sockets closed. */
export async function logoutEverywhere(ctx: ActorContext): Promise<void> {
  await endAllSessions(ctx.db, ctx.actor.id);
  ctx.live.disconnect(ctx.actor.id, { userId: ctx.actor.id }, "signed out everywhere");
}

/** A new session (refresh token family) for the user. */
async function startSession(ctx: ShopContext, user: UserRow): Promise<Session> {
  const refreshToken = newRefreshToken();
  const familyId = crypto.randomUUID();
  await insertRefreshToken(ctx.db, {
    userId: user.id,
    familyId,
    tokenHash: await sha256Hex(refreshToken),
    expiresAt: new Date(Date.now() + refreshTokenTtlSeconds * 1000),
  });
  return { accessToken: await accessTokenFor(ctx, user, familyId), refreshToken, user: publicUser(user) };
}

const accessTokenFor = (ctx: ShopContext, user: UserRow, familyId: string) =>
  signAccessToken(ctx.config.signing, { sub: user.id, role: user.role, sid: familyId, ep: user.sessionEpoch });
