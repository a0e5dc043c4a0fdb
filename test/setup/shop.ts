import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import type { TestProject } from "vitest/node";
import * as schema from "../../db/schema.ts";
import { devWorkerVars } from "../../local/config.ts";
import { logger } from "../../local/log.ts";
import { freePort } from "../../local/ports.ts";
import { stopService, waitForHttp } from "../../local/processes.ts";
import { generateSecrets } from "../../local/secrets.ts";
import { buildWeb } from "../../local/web.ts";
import { startWranglerDev } from "../../local/worker.ts";
import { hashPassword } from "../../worker/lib/password.ts";
import { startTestStack } from "./test-stack.ts";

/** The browser test files, each signing in as an admin account of its own. */
const adminFiles = ["storefront", "shopLive", "admin", "variants", "phone", "promotions"] as const;
type AdminFile = (typeof adminFiles)[number];
export interface Account {
  username: string;
  password: string;
}

/**
 * One admin account per browser test file: sign-ins are limited per account (10 in 15 minutes), as in
 * production, and the files run at once, so sharing the demo admin would have them refused (and share a cart).
 */
async function createAdmins(databaseUrl: string): Promise<Record<AdminFile, Account>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const password = "royal-admin-e2e";
    const passwordHash = await hashPassword(password);
    const accounts = Object.fromEntries(
      adminFiles.map((file) => [file, { username: `${file.toLowerCase()}.admin@royal.shop`, password }]),
    ) as Record<AdminFile, Account>;
    await drizzle({ client, schema })
      .insert(schema.users)
      .values(
        Object.values(accounts).map(({ username }) => ({
          username,
          email: username,
          isEmailVerified: true,
          passwordHash,
          role: "admin" as const,
        })),
      );
    return accounts;
  } finally {
    await client.end();
  }
}

/** globalSetup of the end-to-end tests: the whole shop as `npm start` runs it, on free ports. */
export default async function setup(project: TestProject) {
  const stack = await startTestStack();
  try {
    await buildWeb(logger("web"));
    const port = await freePort();
    const persistTo = `${process.cwd()}/.local/e2e-wrangler-${port}`;
    const worker = startWranglerDev({
      port,
      vars: { ...devWorkerVars, ...stack.bindings, ...(await generateSecrets()) },
      persistTo,
      log: logger("worker"),
    });
    const baseUrl = `http://127.0.0.1:${port}`;
    await waitForHttp(`${baseUrl}/api/v1/health`, 60_000);
    project.provide("shopUrl", baseUrl);
    project.provide("admins", await createAdmins(stack.bindings.DATABASE_URL));
    return async () => {
      await stopService(worker);
      await stack.stop();
      const { rm } = await import("node:fs/promises");
      await rm(persistTo, { recursive: true, force: true });
    };
  } catch (error) {
    await stack.stop();
    throw error;
  }
}

declare module "vitest" {
  export interface ProvidedContext {
    shopUrl: string;
    admins: Record<AdminFile, Account>;
  }
}
