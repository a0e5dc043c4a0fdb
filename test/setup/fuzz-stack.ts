import type { TestProject } from "vitest/node";
import { generateSecrets } from "../../local/secrets.ts";
import { startTestStack } from "./test-stack.ts";

/**
 * How much the fuzzing suite does: bounded and reproducible in `npm test`, long in `npm run fuzz`.
 * The suite reads it as worker/test/fuzz/settings.ts declares it (another TypeScript project): keep both alike.
 */
export interface FuzzSettings {
  /** Rounds: every operation gets one generated request per round, sent as every actor. */
  runs: number;
  /** A time budget in seconds (0: none). */
  seconds: number;
  seed: number;
  /** Only the operations whose key (`POST /api/v1/checkout`) matches this regular expression. */
  only: string;
  /** Values the sweep gives each field of each operation before the rounds (0: no sweep). */
  sweep: number;
  /** Every request and answer of the operations whose key matches this regular expression is printed. */
  debug: string;
  long: boolean;
}

/** The bounded suite of `npm test`: a fixed seed, so that CI runs the same requests every time. */
const bounded = { runs: 4, seconds: 0, seed: 20_261_201, sweep: 2 };
/** `npm run fuzz`: the whole sweep, then ten minutes of rounds, with a fresh seed unless told otherwise. */
const long = { runs: 0, seconds: 600, sweep: 99 };

function readSettings(): FuzzSettings {
  const isLong = process.env.npm_lifecycle_event === "fuzz" || process.env.FUZZ_LONG === "1";
  const number = (name: string, fallback: number) => {
    const text = process.env[name];
    if (text === undefined || text === "") return fallback;
    const value = Number(text);
    if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, not ${text}`);
    return value;
  };
  const seed = number("FUZZ_SEED", isLong ? Math.floor(Math.random() * 2 ** 31) : bounded.seed);
  const runs = number("FUZZ_RUNS", isLong ? long.runs : bounded.runs);
  const seconds = number("FUZZ_SECONDS", isLong ? long.seconds : bounded.seconds);
  if (runs === 0 && seconds === 0)
    throw new Error("FUZZ_RUNS=0 and FUZZ_SECONDS=0 would fuzz forever: set one of them");
  return {
    runs,
    seconds,
    seed,
    only: process.env.FUZZ_ONLY ?? "",
    debug: process.env.FUZZ_DEBUG ?? "",
    sweep: number("FUZZ_SWEEP", isLong ? long.sweep : bounded.sweep),
    long: isLong,
  };
}

/**
 * globalSetup of the fuzzing suite: a Postgres and Redis of its own, so that random admin actions
 * (deactivated users, changed roles, deleted products) never reach the other suites' data.
 */
export default async function setup(project: TestProject) {
  const settings = readSettings();
  const stack = await startTestStack();
  project.provide("stackBindings", stack.bindings);
  project.provide("secrets", await generateSecrets());
  project.provide("fuzzSettings", settings);
  return () => stack.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    fuzzSettings: FuzzSettings;
  }
}
