import { describe, expect, it } from "vitest";
import { call, expectError, seedAdmin, signUp, tokenFor, uniqueEmail, withServices } from "../../test/support/shop.ts";

async function staffAccount() {
  const account = await signUp();
  await withServices(({ db }) => db.execute(`UPDATE users SET role = 'staff' WHERE id = '${account.user.id}'`));
  return account;
}

describe("admin-only routes", () => {
  const adminRoutes = [
    { method: "GET", path: "/admin/users" },
    { method: "POST", path: "/admin/users", body: { username: uniqueEmail(), password: "long-enough", role: "staff" } },
    { method: "PATCH", path: "/admin/users/00000000-0000-4000-8000-000400000002", body: { role: "staff" } },
    // Invalid parameters still meet authentication first.
    { method: "PATCH", path: "/admin/users/not-a-uuid", body: { role: "emperor" } },
  ];

  it.each(adminRoutes)("answers $method $path with 401 to anonymous callers", async (route) => {
    expectError(await call(route.path, { method: route.method, body: route.body }), 401, "unauthenticated");
  });

  it.each(adminRoutes)("answers $method $path with 403 to customers and staff", async (route) => {
    const customer = await signUp();
    const staff = await staffAccount();
    for (const token of [customer.accessToken, staff.accessToken]) {
      expectError(await call(route.path, { method: route.method, body: route.body, token }), 403, "forbidden");
    }
  });

  it("lets an admin search users by username and role", async () => {
    const account = await signUp();
    const token = await tokenFor(seedAdmin, "admin");
    const found = await call(`/admin/users?q=${encodeURIComponent(account.user.username)}`, { token });
    expect(found.status).toBe(200);
    expect(found.body.items).toEqual([
      expect.objectContaining({ id: account.user.id, active: true, role: "customer" }),
    ]);
    const admins = await call("/admin/users?role=admin", { token });
    expect(admins.body.items.map((u: any) => u.username)).toContain("admin@royal.shop");
    expectError(await call("/admin/users?role=emperor", { token }), 400, "invalid_request");
  });

  it("lets an admin create a staff account that can sign in at once", async () => {
    const token = await tokenFor(seedAdmin, "admin");
    const username = uniqueEmail();
    const created = await call("/admin/users", {
      body: { username, password: "staff-password", role: "staff" },
      token,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.any(String), username, role: "staff", isEmailVerified: true });
    const login = await call("/auth/login", { body: { username, password: "staff-password" } });
    expect(login.body.user.role).toBe("staff");
    expectError(
      await call("/admin/users", { body: { username, password: "staff-password", role: "staff" }, token }),
      409,
      "username_taken",
    );
  });
});

describe("role changes and deactivation", () => {
  it("applies a role change on the very next request: older access tokens stop, a refresh brings the new role", async () => {
    const account = await signUp();
    const admin = await tokenFor(seedAdmin, "admin");
    expectError(await call("/admin/users", { token: account.accessToken }), 403, "forbidden");
    const changed = await call(`/admin/users/${account.user.id}`, {
      method: "PATCH",
      body: { role: "admin" },
      token: admin,
    });
    expect(changed.body.role).toBe("admin");
    // Access tokens carry the role, so the old one stops at once; the refresh token still works.
    expectError(await call("/admin/users", { token: account.accessToken }), 401, "invalid_token");
    const refreshed = await call("/auth/refresh", { body: { refreshToken: account.refreshToken } });
    expect(refreshed.body.user.role).toBe("admin");
    expect((await call("/admin/users", { token: refreshed.body.accessToken })).status).toBe(200);
    // And a demotion ends admin rights at once.
    await call(`/admin/users/${account.user.id}`, { method: "PATCH", body: { role: "customer" }, token: admin });
    expectError(await call("/admin/users", { token: refreshed.body.accessToken }), 401, "invalid_token");
  });

  it("ends a deactivated user's sessions at once: access and refresh tokens both stop working", async () => {
    const account = await signUp();
    const admin = await tokenFor(seedAdmin, "admin");
    const deactivated = await call(`/admin/users/${account.user.id}`, {
      method: "PATCH",
      body: { active: false },
      token: admin,
    });
    expect(deactivated.body.active).toBe(false);
    expectError(await call("/me", { token: account.accessToken }), 401, "invalid_token");
    expectError(await call("/auth/refresh", { body: { refreshToken: account.refreshToken } }), 401, "invalid_token");
    expectError(
      await call("/auth/login", { body: { username: account.user.username, password: account.password } }),
      401,
      "invalid_credentials",
    );
  });

  it("records every admin change in the audit log with before and after", async () => {
    const account = await signUp();
    const admin = await tokenFor(seedAdmin, "admin");
    await call(`/admin/users/${account.user.id}`, { method: "PATCH", body: { role: "staff" }, token: admin });
    const rows = await withServices(async ({ db }) => {
      const result = await db.execute<any>(`SELECT * FROM audit_log WHERE entity_id = '${account.user.id}'`);
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
    expectError(
      await call(`/admin/users/${seedAdmin.id}`, { method: "PATCH", body: { active: false }, token: admin }),
      409,
      "conflict",
    );
    expectError(
      await call(`/admin/users/${seedAdmin.id}`, { method: "PATCH", body: { role: "customer" }, token: admin }),
      409,
      "conflict",
    );
    expectError(
      await call("/admin/users/00000000-0000-4000-8000-999999999999", {
        method: "PATCH",
        body: { active: false },
        token: admin,
      }),
      404,
      "not_found",
    );
    expectError(
      await call(`/admin/users/${seedAdmin.id}`, { method: "PATCH", body: {}, token: admin }),
      400,
      "invalid_request",
    );
  });
});

describe("reactivation", () => {
  it("keeps tokens issued before a deactivation dead after the user is reactivated", async () => {
    const account = await signUp();
    const admin = await tokenFor(seedAdmin, "admin");
    await call(`/admin/users/${account.user.id}`, { method: "PATCH", body: { active: false }, token: admin });
    const back = await call(`/admin/users/${account.user.id}`, {
      method: "PATCH",
      body: { active: true },
      token: admin,
    });
    expect(back.body.active).toBe(true);
    expect(back.body).not.toHaveProperty("isActive");
    expectError(await call("/me", { token: account.accessToken }), 401, "invalid_token");
    expectError(await call("/auth/refresh", { body: { refreshToken: account.refreshToken } }), 401, "invalid_token");
  });
});
