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

if (import.meta.main) {
  const { devDatabaseUrl } = await import("../local/config.ts");
  await runMigrations(process.env.DATABASE_URL ?? devDatabaseUrl);
  console.log("migrations applied");
}
