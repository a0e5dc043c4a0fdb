import type { TestProject } from "vitest/node";
import { devWorkerVars } from "../../local/config.ts";
import { logger } from "../../local/log.ts";
import { freePort } from "../../local/ports.ts";
import { stopService, waitForHttp } from "../../local/processes.ts";
import { generateSecrets } from "../../local/secrets.ts";
import { buildWeb } from "../../local/web.ts";
import { startWranglerDev } from "../../local/worker.ts";
import { startTestStack } from "./test-stack.ts";

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
  }
}
