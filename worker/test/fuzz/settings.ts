/**
 * What test/setup/fuzz-stack.ts provides the suite, from FUZZ_RUNS, FUZZ_SECONDS, FUZZ_SEED, FUZZ_SWEEP,
 * FUZZ_ONLY and FUZZ_DEBUG; its FuzzSettings is the same shape, in the other TypeScript project.
 */
export interface FuzzSettings {
  runs: number;
  seconds: number;
  seed: number;
  only: string;
  debug: string;
  sweep: number;
  long: boolean;
}

declare module "vitest" {
  export interface ProvidedContext {
    fuzzSettings: FuzzSettings;
  }
}
