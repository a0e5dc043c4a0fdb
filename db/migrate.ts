import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";

export const migrationsFolder = new URL("./migrations", import.meta.url).pathname;

/** Applies the committed drizzle-kit migrations. Safe to run repeatedly. */
export async function runMigrations(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SET client_min_messages = warning");
    await migrate(drizzle({ client }), { migrationsFolder });
  } finally {
    await client.end();
  }
}

/**
 * Applies the committed migrations up to and including one of them (by its tag), as a shop deployed
 * back then would have; tests then write rows of that time and migrate the rest.
 */
export async function migrateThrough(databaseUrl: string, lastTag: string) {
  const folder = await mkdtemp(join(tmpdir(), "royal-shop-migrations-"));
  try {
    await cp(migrationsFolder, folder, { recursive: true });
    const journalPath = join(folder, "meta", "_journal.json");
    const journal = JSON.parse(await readFile(journalPath, "utf8"));
    const last = journal.entries.findIndex((entry: { tag: string }) => entry.tag === lastTag);
    if (last < 0) throw new Error(`no migration ${lastTag}`);
    journal.entries = journal.entries.slice(0, last + 1);
    await writeFile(journalPath, JSON.stringify(journal));
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query("SET client_min_messages = warning");
      await migrate(drizzle({ client }), { migrationsFolder: folder });
    } finally {
      await client.end();
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const { devDatabaseUrl } = await import("../local/config.ts");
  await runMigrations(process.env.DATABASE_URL ?? devDatabaseUrl);
  console.log("migrations applied");
}
