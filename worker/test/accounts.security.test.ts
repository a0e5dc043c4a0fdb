import { describe, expect, it } from "vitest";
import { answer, client, expectStatus } from "../../test/support/client.ts";
import {
  expectError,
  latestCode,
  latestMessage,
  randomIp,
  signUp,
  uniqueEmail,
  withServices,
} from "../../test/support/shop.ts";
import type { Message, Notifier } from "../notifications/message.ts";
import { type AuthContext, register, requestCode } from "../services/auth.service.ts";

/** A notifier whose deliveries wait until released: what answers before then did not wait for a message. */
function heldNotifier() {
  const sent: Message[] = [];
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const notifier: Notifier = {
    send: async (message) => {
      await released;
      sent.push(message);
    },
  };
  return { notifier, sent, release };
}

/** Each call from an address of its own, as a client of its own would. */
const registerAs = (json: { username: string; password: string }) => answer(client().auth.register.$post({ json }));
const verify = (json: { username: string; code: string; password?: string }, headers?: Record<string, string>) =>
  answer(client({ headers }).auth.verify.$post({ json }));
const login = (username: string, password: string) =>
  answer(client().auth.login.$post({ json: { username, password } }));

const asClient = (shop: object, notifier: Notifier) =>
  Object.create(shop, { notifier: { value: notifier }, ip: { value: randomIp() } }) as AuthContext;

describe("registration and code requests tell nothing about which accounts exist", () => {
  it("answers registration of a verified account's username as of a new one, the same each time, and tells the owner", async () => {
    const owner = await signUp();
    const username = owner.user.username;
    const fresh = await registerAs({ username: uniqueEmail(), password: "correct-horse-battery" });
    const taken = await registerAs({ username, password: "someone-elses-password" });
    const again = await registerAs({ username, password: "someone-elses-password" });

    expect(taken.status).toBe(201);
    const takenUser = expectStatus(taken, 201).user;
    const freshUser = expectStatus(fresh, 201).user;
    expect(Object.keys(takenUser).sort()).toEqual(Object.keys(freshUser).sort());
    expect(takenUser).toEqual({
      ...freshUser,
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      username,
      email: username,
    });
    expect(takenUser.id).not.toBe(owner.user.id);
    expect(expectStatus(again, 201).user.id).toBe(takenUser.id);

    const notice = await latestMessage(username, "account_exists");
    expect(notice).toMatchObject({ channel: "email", code: null });
    expect(notice.text).toContain("reset your password");
    // Nothing changed for the owner; the stranger's password opens nothing.
    expect((await login(username, owner.password)).status).toBe(200);
    expectError(await login(username, "someone-elses-password"), 401, "invalid_credentials");
  });

  it("answers registration without waiting for its message, for a new and a taken username alike", async () => {
    const owner = await signUp();
    const held = heldNotifier();
    await withServices(async (shop) => {
      const ctx = asClient(shop, held.notifier);
      const [fresh, taken] = await Promise.all([
        register(ctx, { username: uniqueEmail(), password: "correct-horse-battery" }),
        register(ctx, { username: owner.user.username, password: "correct-horse-battery" }),
      ]);
      expect([fresh.user.isEmailVerified, taken.user.isEmailVerified]).toEqual([false, false]);
      // Both answered while their messages were still held.
      expect(held.sent).toEqual([]);
      held.release();
      await expect.poll(() => held.sent.map((m) => m.purpose).sort()).toEqual(["account_exists", "verify"]);
    });
  });

  it("answers code and reset requests without waiting for the message, whether the account exists or not", async () => {
    const owner = await signUp();
    const held = heldNotifier();
    await withServices(async (shop) => {
      const ctx = asClient(shop, held.notifier);
      await requestCode(ctx, { username: owner.user.username, purpose: "reset" });
      await requestCode(ctx, { username: uniqueEmail(), purpose: "reset" });
      await requestCode(ctx, { username: owner.user.username, purpose: "login" });
      expect(held.sent).toEqual([]);
      held.release();
      await expect.poll(() => held.sent.map((m) => m.purpose).sort()).toEqual(["login", "reset"]);
      expect(held.sent.every((m) => m.to === owner.user.username)).toBe(true);
    });
  });
});

describe("an account registered with someone else's address before its owner", () => {
  const ownersPassword = "the-owners-own-password";
  const squattersPassword = "the-squatters-password";

  /** Registers as a browser does, answering the registration cookie it sets (its password waits under it). */
  const registerWithCookie = async (username: string, password: string) => {
    const registered = await registerAs({ username, password });
    expect(registered.status).toBe(201);
    const cookie = /royal_registration=([^;]+)/.exec(registered.headers.get("set-cookie") ?? "")?.[1];
    expect(cookie).toBeDefined();
    return `royal_registration=${cookie}`;
  };

  it("keeps none of the earlier registrant's password once the owner registers and verifies in their own browser", async () => {
    const username = uniqueEmail();
    await registerWithCookie(username, squattersPassword);
    await latestCode(username, "verify");
    const before = new Date().toISOString();
    const ownersBrowser = await registerWithCookie(username, ownersPassword);
    const code = await latestCode(username, "verify", before);
    // A client of the first API version sends no password with the code: its registration cookie says whose it is.
    const verified = await verify({ username, code }, { cookie: ownersBrowser });
    expect(verified.status).toBe(200);
    expect(verified.headers.get("set-cookie")).toContain("royal_registration=;");

    expect((await login(username, ownersPassword)).status).toBe(200);
    expectError(await login(username, squattersPassword), 401, "invalid_credentials");
  });

  it("sets none of the earlier registrant's password when the owner verifies the code that reached their inbox without choosing one", async () => {
    const username = uniqueEmail();
    const squattersBrowser = await registerWithCookie(username, squattersPassword);
    const code = await latestCode(username, "verify");
    // The owner, in a browser of their own (no registration cookie, or another's), enters the code.
    expect((await verify({ username, code })).status).toBe(200);
    expectError(await login(username, squattersPassword), 401, "invalid_credentials");
    expect(squattersBrowser).toMatch(/^royal_registration=/);
  });

  it("sets the password the verifier chooses, even when the code is the earlier registrant's", async () => {
    const username = uniqueEmail();
    await registerAs({ username, password: squattersPassword });
    const code = await latestCode(username, "verify");
    const verified = await verify({ username, code, password: ownersPassword });
    expect(verified.status).toBe(200);

    expect((await login(username, ownersPassword)).status).toBe(200);
    expectError(await login(username, squattersPassword), 401, "invalid_credentials");
  });

  it("voids the earlier password when verified by a resent code with no password chosen; a reset sets one", async () => {
    const username = uniqueEmail();
    await registerAs({ username, password: squattersPassword });
    await latestCode(username, "verify");
    const before = new Date().toISOString();
    await withServices(({ redis }) => redis.del(`otp:cooldown:verify:${username}`));
    expect((await answer(client().auth.otp.$post({ json: { username, purpose: "verify" } }))).status).toBe(202);
    const resent = await latestCode(username, "verify", before);
    expect((await verify({ username, code: resent })).status).toBe(200);
    expectError(await login(username, squattersPassword), 401, "invalid_credentials");

    await answer(client().auth.password.forgot.$post({ json: { username } }));
    const reset = await latestCode(username, "reset");
    await answer(client().auth.password.reset.$post({ json: { username, code: reset, password: ownersPassword } }));
    expect((await login(username, ownersPassword)).status).toBe(200);
  });
});
