import { env } from "cloudflare:workers";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { call, createShoppers, withServices } from "../../test/support/shop.ts";
import { createApp } from "../app.ts";
import { signAccessToken } from "../lib/tokens.ts";
import { configOf } from "../platform/config.ts";
import { admitted } from "../platform/session.ts";

type Operation = { method: string; path: string; access?: string };
/** What this test reads of the OpenAPI document: each path's operations with their declared access. */
type OpenApiDocument = { paths: Record<string, Record<string, { "x-access"?: string }>> };

/** Every operation of the OpenAPI document with its declared access. */
async function operations(): Promise<Operation[]> {
  // Raw: the document is served beside the API's routes, not as one of them.
  const doc = (await call<OpenApiDocument>("/openapi.json")).body;
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ method: method.toUpperCase(), path, access: op["x-access"] })),
  );
}

const apiPath = (path: string) => path.replace(/^\/api\/v1/, "").replace(/:(\w+)(\{[^}]*\})?/g, "{$1}");
const undocumented = new Set(["GET /openapi.json", "GET /docs"]);

/** The routes of an app that no operation of the document declares access for. */
function undeclared(app: { routes: { method: string; path: string }[] }, declared: Map<string, string | undefined>) {
  const routes = app.routes.filter((r) => r.method !== "ALL").map((r) => `${r.method} ${apiPath(r.path)}`);
  return [...new Set(routes)].filter((route) => !undocumented.has(route) && !declared.get(route));
}

describe("the access policy", () => {
  it("has every route of the app declare who may call it", async () => {
    const declared = new Map((await operations()).map((op) => [`${op.method} ${op.path}`, op.access]));
    const app = createApp();
    expect(app.routes.filter((r) => r.method !== "ALL").length).toBeGreaterThan(50);
    expect(undeclared(app, declared)).toEqual([]);
    for (const access of declared.values()) expect(["public", "signedIn", "staff", "admin"]).toContain(access);
    // A route added without a declaration is caught.
    const careless = createApp();
    careless.get("/api/v1/admin/secrets", (c) => c.json({}));
    expect(undeclared(careless, declared)).toEqual(["GET /admin/secrets"]);
  });
});

describe("the role × route matrix, from the declarations", () => {
  /** A token for a user as it is now (its current session epoch). */
  const tokenOf = async (user: { id: string }) => {
    const [row] = await withServices(async ({ db }) => {
      const result = await db.execute<{ role: "customer" | "staff" | "admin"; session_epoch: number }>(
        sql`SELECT role, session_epoch FROM users WHERE id = ${user.id}`,
      );
      return result.rows;
    });
    return signAccessToken(configOf(env).signing, { sub: user.id, role: row.role, ep: row.session_epoch });
  };

  it("answers every operation per role: 401 without a token, 403 to a role it does not admit, never 401/403 to one it does", async () => {
    // Callers of the test's own: signing out everywhere must not end other suites' sessions.
    const [customer, staffUser, adminUser] = await createShoppers(3);
    await withServices(async ({ db }) => {
      await db.execute(sql`UPDATE users SET role = 'staff' WHERE id = ${staffUser.id}`);
      await db.execute(sql`UPDATE users SET role = 'admin' WHERE id = ${adminUser.id}`);
    });
    const users = { customer, staff: staffUser, admin: adminUser } as const;
    const filled = (path: string) => path.replace(/\{[^}]+\}/g, "00000000-0000-4000-8000-999999999999");
    const checked: string[] = [];
    for (const op of await operations()) {
      if (op.access === "public" || !op.access) continue;
      // Raw: every operation from the document, each with an empty body where it takes one.
      const init = { method: op.method, body: ["POST", "PUT", "PATCH"].includes(op.method) ? {} : undefined };
      const anonymous = await call(filled(op.path), init);
      expect(anonymous.status, `${op.method} ${op.path} anonymous`).toBe(401);
      for (const role of ["customer", "staff", "admin"] as const) {
        const answer = await call(filled(op.path), { ...init, token: await tokenOf(users[role]) });
        const allowed = admitted[op.access as keyof typeof admitted].includes(role);
        if (allowed) expect([401, 403], `${op.method} ${op.path} as ${role}`).not.toContain(answer.status);
        else expect(answer.status, `${op.method} ${op.path} as ${role}`).toBe(403);
        expect(answer.status, `${op.method} ${op.path} as ${role}`).toBeLessThan(500);
      }
      checked.push(`${op.method} ${op.path}`);
    }
    console.log(`access matrix: ${checked.length} protected operations × 4 callers`);
    expect(checked.length).toBeGreaterThan(40);
  });
});
