import { cloudflareTest } from "@cloudflare/vitest-plugin";
import solid from "vite-plugin-solid";
import { defineConfig } from "vitest/config";
import { devWorkerVars } from "./local/config.ts";
import type { LocalSecrets } from "./local/secrets.ts";
import type { StackBindings } from "./local/stack.ts";

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [
          cloudflareTest(({ inject }) => ({
            wrangler: { configPath: "./wrangler.toml" },
            miniflare: {
              bindings: {
                ...inject<StackBindings>("stackBindings"),
                ...inject<LocalSecrets>("secrets"),
                ...devWorkerVars,
                // National phone formats in the tests are Iranian, as in the shop this one replaces.
                DEFAULT_PHONE_REGION: "IR",
                // Stripe webhooks are verified against this secret in the tests; no call leaves the machine.
                STRIPE_WEBHOOK_SECRET: "whsec_local_test_secret",
              },
            },
          })),
        ],
        test: {
          name: "worker",
          include: ["worker/test/**/*.test.ts", "realtime/test/**/*.test.ts"],
          // Integration tests on real Postgres and Redis, many files at once on a 2-core machine.
          testTimeout: 30_000,
          hookTimeout: 30_000,
          globalSetup: ["test/setup/worker-stack.ts"],
        },
      },
      {
        plugins: [solid()],
        test: {
          name: "web",
          include: ["web/src/**/*.test.{ts,tsx}"],
          environment: "node",
        },
      },
      {
        test: {
          name: "local",
          // The local platform itself, and the migrations and scripts run on it from Node.
          include: ["local/test/**/*.test.ts", "db/test/**/*.test.ts"],
          // The local platform itself: the Neon HTTP endpoint, simulated distance and fault injection.
          environment: "node",
          globalSetup: ["local/test/setup.ts"],
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          // After the workerd suites: two cores running both at once made browser steps slow enough to flake.
          sequence: { groupOrder: 1 },
          environment: "node",
          globalSetup: ["test/setup/shop.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        // The API fuzzing suite, on a Postgres and Redis of its own: its random admin actions stay there.
        plugins: [
          cloudflareTest(({ inject }) => ({
            wrangler: { configPath: "./wrangler.toml" },
            miniflare: {
              bindings: {
                ...inject<StackBindings>("stackBindings"),
                ...inject<LocalSecrets>("secrets"),
                ...devWorkerVars,
                DEFAULT_PHONE_REGION: "IR",
                STRIPE_WEBHOOK_SECRET: "whsec_local_test_secret",
              },
            },
          })),
        ],
        test: {
          name: "fuzz",
          include: ["worker/test/fuzz/**/*.fuzz.ts"],
          // Alone, after the other suites: its timing stays its own and it slows none of theirs.
          sequence: { groupOrder: 2 },
          testTimeout: 120_000,
          hookTimeout: 60_000,
          globalSetup: ["test/setup/fuzz-stack.ts"],
        },
      },
    ],
  },
});
