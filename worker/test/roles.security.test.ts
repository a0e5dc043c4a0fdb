import type { InferRequestType } from "hono/client";
import { describe, expect, it } from "vitest";
import { answer, client, expectStatus } from "../../test/support/client.ts";
import { call, expectError, seedAdmin, signUp, tokenFor, uniqueEmail, withServices } from "../../test/support/shop.ts";

/** What a test reads of an answer it expects refused. */
type Refusable = { status: number; body: unknown };
type UserChange = InferRequestType<ReturnType<typeof client>["admin"]["users"][":id"]["$patch"]>["json"];

/** The user list, as the holder of `token` asks for it. */
const users = (token: string) => answer(client({ token }).admin.users.$get({ query: {} }));
/** An admin's change of a user. */
const change = (token: string, id: string, json: UserChange) =>
  answer(client({ token }).admin.users[":id"].$patch({ param: { id }, json }));
const refresh = (refreshToken: string) => answer(client().auth.refresh.$post({ json: { refreshToken } }));

/** A row of the audit log: the columns this test reads. */
type AuditRow = { actor_id: string | null; action: string; entity: string; before: unknown; after: unknown };

async function staffAccount() {
  const account = await signUp();
  await withServices(({ db }) => db.execute(`UPDATE users SET role = 'staff' WHERE id = '${account.user.id}'`));
  return account;
}

describe("admin-only routes", () => {
  const newStaff = { username: uniqueEmail(), password: "long-enough", role: "staff" } as const;
  /** Each route with `send`, its request as the holder of `token` (or no one) sends it. */
  const adminRoutes: { method: string; path: string; send: (token?: string) => Promise<Refusable> }[] = [
    { method: "GET", path: "/admin/users", send: (token) => answer(client({ token }).admin.users.$get({ query: {} })) },
    {
      method: "POST",
      path: "/admin/users",
      send: (token) => answer(client({ token }).admin.users.$post({ json: newStaff })),
    },
    {
      method: "PATCH",
      path: "/admin/users/00000000-0000-4000-8000-000400000002",
      send: (token) =>
        answer(
          client({ token }).admin.users[":id"].$patch({
            param: { id: "00000000-0000-4000-8000-000400000002" },
            json: { role: "staff" },
          }),
        ),
    },
    // Invalid parameters still meet authentication first (raw: "emperor" is no role the types allow).
    {
      method: "PATCH",
      path: "/admin/users/not-a-uuid",
      send: (token) => call("/admin/users/not-a-uuid", { method: "PATCH", body: { role: "emperor" }, token }),
    },
  ];

  it.each(adminRoutes)("answers $method $path with 401 to anonymous callers", async (route) => {
    expectError(await route.send(), 401, "unauthenticated");
  });

  it.each(adminRoutes)("answers $method $path with 403 to customers and staff", async (route) => {
    const customer = await signUp();
    const staff = await staffAccount();
    for (const token of [customer.accessToken, staff.accessToken]) {
      expectError(await route.send(token), 403, "forbidden");
    }
  });

  it("lets an admin search users by username and role", async () => {
    const account = await signUp();
    const token = await tokenFor(seedAdmin, "admin");
    const found = await answer(client({ token }).admin.users.$get({ query: { q: account.user.username } }));
    expect(found.status).toBe(200);
    expect(expectStatus(found, 200).items).toEqual([
      expect.objectContaining({ id: account.user.id, active: true, role: "customer" }),
    ]);
    const admins = await answer(client({ token }).admin.users.$get({ query: { role: "admin" } }));
    expect(expectStatus(admins, 200).items.map((u) => u.username)).toContain("admin@royal.shop");
    // Raw: a role the types do not allow.
    expectError(await call("/admin/users?role=emperor", { token }), 400, "invalid_request");
  });

  it("lets an admin create a staff account that can sign in at once", async () => {
    const token = await tokenFor(seedAdmin, "admin");
    const username = uniqueEmail();
    const create = () =>
      answer(client({ token }).admin.users.$post({ json: { username, password: "staff-password", role: "staff" } }));
    const created = await create();
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.any(String), username, role: "staff", isEmailVerified: true });
    const login = await answer(client().auth.login.$post({ json: { username, password: "staff-password" } }));
    expect(expectStatus(login, 200).user.role).toBe("staff");
    expectError(await create(), 409, "username_taken");
  });
});

describe("role changes and deactivation", () => {
  it("applies a role change on the very next request: older access tokens stop, a refresh brings the new role", async () => {
    const account = await signUp();
    const admin = await tokenFor(seedAdmin, "admin");
    expectError(await users(account.accessToken), 403, "forbidden");
    const changed = await change(admin, account.user.id, { role: "admin" });
    expect(expectStatus(changed, 200).role).toBe("admin");
    // Access tokens carry the role, so the old one stops at once; the refresh token still works.
    expectError(await users(account.accessToken), 401, "invalid_token");
    const refreshed = await refresh(account.refreshToken);
    const session = expectStatus(refreshed, 200);
    expect(session.user.role).toBe("admin");
    expect((await users(session.accessToken)).status).toBe(200);
    // And a demotion ends admin rights at once.
    await change(admin, account.user.id, { role: "customer" });
    expectError(await users(session.accessToken), 401, "invalid_token");
  });

  it("ends a deactivated user's sessions at once: access and refresh tokens both stop working", async () => {
    const account = await signUp();
    const admin = await tokenFor(seedAdmin, "admin");
    const deactivated = await change(admin, account.user.id, { active: false });
    expect(expectStatus(deactivated, 200).active).toBe(false);
    expectError(await answer(client({ token: account.accessToken }).me.$get()), 401, "invalid_token");
    expectError(await refresh(account.refreshToken), 401, "invalid_token");
    expectError(
      await answer(
        client().auth.login.$post({ json: { username: account.user.username, password: account.password } }),
      ),
      401,
      "invalid_credentials",
    );
  });

  it("records every admin change in the audit log with before and after", async () => {
    const account = await signUp();
    const admin = await tokenFor(seedAdmin, "admin");
    await change(admin, account.user.id, { role: "staff" });
    const rows = await withServices(async ({ db }) => {
      const result = await db.execute<AuditRow>(`SELECT * FROM audit_log WHERE entity_id = '${account.user.id}'`);
      return result.rows;
    });
    expect(rows).toEqual([
      expect.objectContaining({
        actor_id: seedAdmin.id,
        action: "user.update",
        entity: "user",
        before: expect.objectContaining({ role: "customer" }),
        after: expect.objectContaining({ role: "staff" }),
      }),
    ]);
  });

  it("keeps an admin from locking themselves out, and answers 404 for an unknown user", async () => {
    const admin = await tokenFor(seedAdmin, "admin");
    expectError(await change(admin, seedAdmin.id, { active: false }), 409, "conflict");
    expectError(await change(admin, seedAdmin.id, { role: "customer" }), 409, "conflict");
    expectError(await change(admin, "00000000-0000-4000-8000-999999999999", { active: false }), 404, "not_found");
    expectError(await change(admin, seedAdmin.id, {}), 400, "invalid_request");
  });
});

describe("reactivation", () => {
  it("keeps tokens issued before a deactivation dead after the user is reactivated", async () => {
    const account = await signUp();
    const admin = await tokenFor(seedAdmin, "admin");
    await change(admin, account.user.id, { active: false });
    const back = await change(admin, account.user.id, { active: true });
    expect(expectStatus(back, 200).active).toBe(true);
    expect(back.body).not.toHaveProperty("isActive");
    expectError(await answer(client({ token: account.accessToken }).me.$get()), 401, "invalid_token");
    expectError(await refresh(account.refreshToken), 401, "invalid_token");
  });
});
