import type { TestProject } from "vitest/node";
import { startTestStack } from "../../test/setup/test-stack.ts";
import type { StackBindings } from "../stack.ts";

/** globalSetup of the local-platform tests: one stack, without demo data or simulated distance. */
export default async function setup(project: TestProject) {
  const stack = await startTestStack({ seed: false, simRttMs: 0 });
  project.provide("localStack", { bindings: stack.bindings, simRttMs: stack.simRttMs });
  return () => stack.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    localStack: { bindings: StackBindings; simRttMs: number };
  }
}
