import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { migrationsFolder } from "../../db/migrate.ts";
import { keptTables, type LegacyDatabase, legacyShopSql } from "../fixtures/legacy-shop.ts";

/** The last migration before product variants. */
const legacyMigration = "0003_session_check";

const countRows = async (client: pg.Client, tables: readonly string[]) =>
  Object.fromEntries(
    await Promise.all(
      tables.map(async (table) => {
        const result = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`);
        return [table, result.rows[0].n] as const;
      }),
    ),
  );

/**
 * A database beside the test database that was a shop on the old schema (migrations up to
 * 0003, then the legacy shop's rows) and then took every later migration, as a deployed shop does.
 */
export async function prepareLegacyDatabase(testDatabaseUrl: string): Promise<LegacyDatabase> {
  const url = new URL(testDatabaseUrl);
  url.pathname = "/royal_shop_legacy";
  const server = new URL(testDatabaseUrl);
  server.pathname = "/postgres";
  const admin = new pg.Client({ connectionString: server.toString() });
  await admin.connect();
  await admin.query("DROP DATABASE IF EXISTS royal_shop_legacy");
  await admin.query("CREATE DATABASE royal_shop_legacy");
  await admin.end();

  const oldMigrations = await mkdtemp(join(tmpdir(), "royal-shop-legacy-"));
  const client = new pg.Client({ connectionString: url.toString() });
  try {
    await cp(migrationsFolder, oldMigrations, { recursive: true });
    const journalPath = join(oldMigrations, "meta", "_journal.json");
    const journal = JSON.parse(await readFile(journalPath, "utf8"));
    const last = journal.entries.findIndex((entry: { tag: string }) => entry.tag === legacyMigration);
    journal.entries = journal.entries.slice(0, last + 1);
    await writeFile(journalPath, JSON.stringify(journal));

    await client.connect();
    await client.query("SET client_min_messages = warning");
    const db = drizzle({ client });
    await migrate(db, { migrationsFolder: oldMigrations });
    await client.query(legacyShopSql);
    const before = await countRows(client, keptTables);
    await migrate(db, { migrationsFolder });
    const after = await countRows(client, [...keptTables, "product_variants", "inventory_changes"]);
    return { url: url.toString(), before, after };
  } finally {
    await client.end();
    await rm(oldMigrations, { recursive: true, force: true });
  }
}
