import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freshDatabase } from "../../test/setup/legacy-database.ts";
import { migrateThrough, runMigrations } from "../migrate.ts";

const { bindings } = inject("localStack");
let url: string;
let client: pg.Client;

beforeAll(async () => {
  url = await freshDatabase(bindings.DATABASE_URL, "royal_shop_email_case");
  await migrateThrough(url, "0007_session_ends_with_its_family");
  client = new pg.Client({ connectionString: url });
  await client.connect();
});
afterAll(() => client?.end());

const insertUser = (email: string) =>
  client.query<{ id: string }>(
    "INSERT INTO users (username, email, is_email_verified) VALUES ($1, $1, true) RETURNING id",
    [email],
  );

describe("the migration to case-insensitive emails", () => {
  it("stops, naming both accounts, when two emails differ only in case, and changes nothing", async () => {
    const first = (await insertUser("twin@example.com")).rows[0].id;
    const second = (await insertUser("Twin@example.com")).rows[0].id;
    await insertUser("Solo.Mixed@Example.com");

    const failure = await runMigrations(url).then(
      () => null,
      (error: unknown) => error as Error & { hint?: string; cause?: { message?: string; hint?: string } },
    );
    expect(failure).not.toBeNull();
    const said = `${failure?.message} ${failure?.cause?.message ?? ""}`;
    expect(said).toContain("twin@example.com: twin@example.com");
    expect(said).toContain(first);
    expect(said).toContain(second);
    const emails = await client.query("SELECT email FROM users ORDER BY email");
    expect(emails.rows.map((r) => r.email)).toEqual(["Solo.Mixed@Example.com", "Twin@example.com", "twin@example.com"]);
  });

  it("goes through once an admin gave one of them another email, lower-casing the rest and keeping them so", async () => {
    await client.query(
      "UPDATE users SET email = 'twin+2@example.com', username = 'twin+2@example.com' WHERE email = 'Twin@example.com'",
    );
    await runMigrations(url);
    const emails = await client.query("SELECT username, email FROM users ORDER BY email");
    expect(emails.rows).toEqual([
      { username: "solo.mixed@example.com", email: "solo.mixed@example.com" },
      { username: "twin+2@example.com", email: "twin+2@example.com" },
      { username: "twin@example.com", email: "twin@example.com" },
    ]);
    await expect(insertUser("TWIN@example.com")).rejects.toThrow(/users_email_lower_case/);
  });
});
