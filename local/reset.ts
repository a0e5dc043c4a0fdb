import { rm } from "node:fs/promises";
import { dev, root } from "./config.ts";
import { logger } from "./log.ts";
import { isPortFree } from "./ports.ts";

/** `npm run db:reset`: wipes the local database; the next `npm start` recreates and reseeds it. */
const log = logger("royal");
if (!(await isPortFree(dev.ports.postgres))) {
  log.error("the local database is running; stop `npm start` first");
  process.exit(1);
}
await rm(dev.postgresDataDir, { recursive: true, force: true });
await rm(`${root}/.wrangler/state`, { recursive: true, force: true });
log.info("local database and Durable Object state wiped; `npm start` creates and seeds them again");
