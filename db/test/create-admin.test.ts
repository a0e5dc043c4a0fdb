import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freshDatabase } from "../../test/setup/legacy-database.ts";
import { verifyPassword } from "../../worker/lib/password.ts";
import { runMigrations } from "../migrate.ts";

const { bindings } = inject("localStack");
let url: string;
let client: pg.Client;

beforeAll(async () => {
  url = await freshDatabase(bindings.DATABASE_URL, "royal_shop_admin_create");
  await runMigrations(url);
  client = new pg.Client({ connectionString: url });
  await client.connect();
});
afterAll(() => client?.end());

/** `npm run admin:create -- <username>`, as an operator runs it against a deployed shop's database. */
const run = (username: string, env: Record<string, string | undefined>) =>
  spawnSync(process.execPath, [resolve(import.meta.dirname, "../create-admin.ts"), username], {
    env: { ...process.env, DATABASE_URL: url, ...env },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });

const account = async (username: string) =>
  (
    await client.query(
      "SELECT id, role, is_active, is_email_verified, password_hash, session_epoch FROM users WHERE username = $1",
      [username],
    )
  ).rows[0];

describe("npm run admin:create", () => {
  it("creates a verified admin with the password given, normalising the email, and audits it", async () => {
    const made = run("  Owner@Royal.Example ", { ROYAL_ADMIN_PASSWORD: "a-long-admin-password" });
    expect(made.status, made.stderr).toBe(0);
    expect(made.stdout).toMatch(/^Created admin owner@royal\.example \(/);
    const owner = await account("owner@royal.example");
    expect(owner).toMatchObject({ role: "admin", is_active: true, is_email_verified: true });
    expect(await verifyPassword("a-long-admin-password", owner.password_hash)).toBe(true);
    const audit = await client.query("SELECT action, actor_id, after FROM audit_log WHERE entity_id = $1", [owner.id]);
    expect(audit.rows).toEqual([
      {
        action: "user.create",
        actor_id: null,
        after: { username: "owner@royal.example", role: "admin", active: true, by: "npm run admin:create" },
      },
    ]);
  });

  it("promotes an existing account, setting its password anew and ending its sessions", async () => {
    const squatted = "early@royal.example";
    const inserted = await client.query(
      "INSERT INTO users (username, email, password_hash) VALUES ($1, $1, 'someone-elses-hash') RETURNING id",
      [squatted],
    );
    const id = inserted.rows[0].id;
    await client.query(
      "INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at) VALUES ($1, gen_random_uuid(), 'h1', now() + interval '1 day')",
      [id],
    );
    const promoted = run(squatted, { ROYAL_ADMIN_PASSWORD: "the-operators-password" });
    expect(promoted.status, promoted.stderr).toBe(0);
    expect(promoted.stdout).toContain("Promoted admin early@royal.example");
    const admin = await account(squatted);
    expect(admin).toMatchObject({ id, role: "admin", is_email_verified: true, session_epoch: 1 });
    expect(await verifyPassword("the-operators-password", admin.password_hash)).toBe(true);
    const live = await client.query(
      "SELECT count(*)::int AS n FROM refresh_tokens WHERE user_id = $1 AND revoked_at IS NULL",
      [id],
    );
    expect(live.rows[0].n).toBe(0);
    const audit = await client.query("SELECT action, before FROM audit_log WHERE entity_id = $1", [id]);
    expect(audit.rows).toEqual([{ action: "user.promote", before: { role: "customer", active: true } }]);
  });

  it("refuses a password registration would refuse, a username that is neither email nor phone, and a missing password, changing nothing", async () => {
    const short = run("short@royal.example", { ROYAL_ADMIN_PASSWORD: "short" });
    expect(short.status).toBe(1);
    expect(short.stderr).toContain("The password must be 8 to 128 characters.");
    const bad = run("not a username", { ROYAL_ADMIN_PASSWORD: "a-long-admin-password" });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("email address or a phone number");
    const noTerminal = run("quiet@royal.example", { ROYAL_ADMIN_PASSWORD: undefined });
    expect(noTerminal.status).toBe(1);
    expect(noTerminal.stderr).toContain("set ROYAL_ADMIN_PASSWORD");
    const users = await client.query(
      "SELECT count(*)::int AS n FROM users WHERE username LIKE '%@royal.example' AND username IN ('short@royal.example', 'quiet@royal.example')",
    );
    expect(users.rows[0].n).toBe(0);
  });
});
