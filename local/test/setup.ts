import type { TestProject } from "vitest/node";
import { startTestStack } from "../../test/setup/test-stack.ts";
import type { StackBindings } from "../stack.ts";

/** globalSetup of the local-platform tests: one stack (no demo data, no simulated distance) with fault control. */
export default async function setup(project: TestProject) {
  const stack = await startTestStack({ seed: false, simRttMs: 0, faultControl: true });
  if (!stack.faultsUrl) throw new Error("the stack started without its fault control server");
  project.provide("localStack", { bindings: stack.bindings, faultsUrl: stack.faultsUrl, simRttMs: stack.simRttMs });
  return () => stack.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    localStack: { bindings: StackBindings; faultsUrl: string; simRttMs: number };
  }
}
