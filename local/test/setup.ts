import type { TestProject } from "vitest/node";
import { startTestStack } from "../../test/setup/test-stack.ts";
import type { StackBindings } from "../stack.ts";

/** globalSetup of the local-platform tests: one stack, without demo data. */
export default async function setup(project: TestProject) {
  const stack = await startTestStack({ seed: false });
  project.provide("localStack", { bindings: stack.bindings });
  return () => stack.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    localStack: { bindings: StackBindings };
  }
}
