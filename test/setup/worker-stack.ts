import type { TestProject } from "vitest/node";
import { generateSecrets, type LocalSecrets } from "../../local/secrets.ts";
import { prepareLegacyDatabase } from "./legacy-database.ts";
import { startTestStack } from "./test-stack.ts";

/**
 * globalSetup of the workerd tests: the worker reaches these services through its bindings. Tests that
 * need a failing database or Redis make their own proxy through the fault-injection control server
 * (`inject("faults")`, client in local/fault-api.ts), so the shared endpoints always work.
 */
export default async function setup(project: TestProject) {
  const stack = await startTestStack({ faultControl: true });
  try {
    project.provide("legacyDatabase", await prepareLegacyDatabase(stack.bindings.DATABASE_URL));
  } catch (error) {
    await stack.stop();
    throw error;
  }
  project.provide("stackBindings", stack.bindings);
  project.provide("secrets", await generateSecrets());
  if (!stack.faultsUrl) throw new Error("the test stack started without its fault control server");
  project.provide("faults", stack.faultsUrl);
  return () => stack.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    stackBindings: import("../../local/stack.ts").StackBindings;
    secrets: LocalSecrets;
  }
}
