import type { TestProject } from "vitest/node";
import { generateSecrets, type LocalSecrets } from "../../local/secrets.ts";
import { startTestStack } from "./test-stack.ts";

/** globalSetup of the workerd tests: the worker reaches these services through its bindings. */
export default async function setup(project: TestProject) {
  const stack = await startTestStack();
  project.provide("stackBindings", stack.bindings);
  project.provide("secrets", await generateSecrets());
  return () => stack.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    stackBindings: import("../../local/stack.ts").StackBindings;
    secrets: LocalSecrets;
  }
}
