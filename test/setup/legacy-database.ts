import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { migrateThrough, migrationsFolder } from "../../db/migrate.ts";
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

/** An empty database of that name on the test database's server (made anew); answers its URL. */
export async function freshDatabase(testDatabaseUrl: string, name: string): Promise<string> {
  const url = new URL(testDatabaseUrl);
  url.pathname = `/${name}`;
  const server = new URL(testDatabaseUrl);
  server.pathname = "/postgres";
  const admin = new pg.Client({ connectionString: server.toString() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return url.toString();
}

/**
 * A database beside the test database that was a shop on the old schema (migrations up to
 * 0003, then the legacy shop's rows) and then took every later migration, as a deployed shop does.
 */
export async function prepareLegacyDatabase(testDatabaseUrl: string): Promise<LegacyDatabase> {
  const url = new URL(await freshDatabase(testDatabaseUrl, "royal_shop_legacy"));
  const client = new pg.Client({ connectionString: url.toString() });
  try {
    await migrateThrough(url.toString(), legacyMigration);
    await client.connect();
    await client.query("SET client_min_messages = warning");
    await client.query(legacyShopSql);
    const before = await countRows(client, keptTables);
    await migrate(drizzle({ client }), { migrationsFolder });
    const after = await countRows(client, [...keptTables, "product_variants", "inventory_changes"]);
    return { url: url.toString(), before, after };
  } finally {
    await client.end();
  }
}
