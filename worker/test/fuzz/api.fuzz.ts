import { exports } from "cloudflare:workers";
import { describe, expect, inject, it } from "vitest";
import * as seedData from "../../../db/seed-data.ts";
import { origin } from "../../../test/support/shop.ts";
import { createApp } from "../../app.ts";
import { operationsOf } from "./operations.ts";
import "./settings.ts";
import { type FuzzConfig, Fuzzer, formatFinding, type KnownDefect } from "./runner.ts";

/**
 * Findings of this suite that are known and not fixed yet. Each one is excluded from the verdict
 * (still counted and printed as "known defect") until its entry is removed: remove an entry with
 * its fix. An entry that a run does not meet is printed at the end, and fails nothing.
 */
const knownDefects: KnownDefect[] = [
  {
    reason: "product money and stock fields accept integers up to 2^53 − 1; their columns are 32-bit integers",
    operations: ["POST /api/v1/admin/products", "PATCH /api/v1/admin/products/{id}"],
    kind: "server_error",
    match: /out of range for type integer/,
  },
  {
    reason: "actual_price (price + shipping − discount, a generated column) overflows 32 bits when each part fits",
    operations: ["POST /api/v1/admin/products", "PATCH /api/v1/admin/products/{id}"],
    kind: "server_error",
    match: /unhandled: error: integer out of range/,
  },
  {
    reason:
      "coupon terms (value, usageLimit, perUserLimit, minSubtotal, maxDiscount) accept up to 2^53 − 1; columns are 32-bit",
    operations: ["POST /api/v1/admin/coupons", "PATCH /api/v1/admin/coupons/{id}"],
    kind: "server_error",
    match: /out of range for type integer/,
  },
  {
    reason: "validFor takes any count of digits (P9999999999Y): Postgres cannot hold the interval, or now() + it",
    operations: [
      "POST /api/v1/admin/coupons",
      "PATCH /api/v1/admin/coupons/{id}",
      "POST /api/v1/admin/coupons/{id}/grants",
    ],
    kind: "server_error",
    match: /interval field value out of range|interval out of range|timestamp out of range/,
  },
  {
    reason:
      "price and stock bounds of list queries (minPrice, maxPrice, minStock, maxStock) accept up to 2^53 − 1, bound as int4",
    operations: ["GET /api/v1/products", "GET /api/v1/admin/products"],
    kind: "server_error",
    match: /out of range for type integer/,
  },
  {
    reason: "from/to with year 0000 pass z.iso.date()/z.iso.datetime(); Postgres has no year 0",
    operations: "all",
    kind: "server_error",
    match: /date\/time field value out of range/,
    request: /[?&](from|to)=0000-/,
  },
  {
    reason: "a cursor whose time key has the right shape but no date (month 00 or 13, day 45) reaches Postgres",
    operations: "all",
    kind: "server_error",
    match: /date\/time field value out of range|timestamp out of range/,
    request: /[?&]cursor=/,
  },
  {
    reason: "text with U+0000 reaches Postgres, which refuses it (no route rejects NUL in strings, params or queries)",
    operations: "all",
    kind: "server_error",
    match: /invalid byte sequence for encoding "…": 0x00|unsupported Unicode escape sequence/,
  },
];

const settings = inject("fuzzSettings");
const config: FuzzConfig = {
  runs: settings.runs > 0 ? settings.runs : Number.POSITIVE_INFINITY,
  seconds: settings.seconds,
  seed: settings.seed,
  only: settings.only ? new RegExp(settings.only) : undefined,
  debug: settings.debug ? new RegExp(settings.debug) : undefined,
  sweep: settings.sweep,
  progressEveryMs: settings.long ? 10_000 : 15_000,
};
/** A safety net only: a long run stops at its budget, a bounded one after its rounds. */
const timeoutMs = settings.seconds > 0 ? settings.seconds * 1000 + 120_000 : settings.long ? 24 * 3_600_000 : 600_000;

const operations = operationsOf(createApp());

describe("API fuzzing", () => {
  it("fuzzes every operation of the OpenAPI document", async () => {
    const document = await (await exports.default.fetch(`${origin}/api/v1/openapi.json`)).json<{
      servers: { url: string }[];
      paths: Record<string, Record<string, unknown>>;
    }>();
    const base = document.servers[0]?.url ?? "";
    const documented = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${base}${path}`),
    );
    expect(operations.map((op) => op.key).sort()).toEqual(documented.sort());
  });

  it(
    "answers generated and hostile requests from every role within the contract",
    async () => {
      console.log(
        `fuzz: seed ${config.seed} (replay with FUZZ_SEED=${config.seed}), ${operations.length} operations, ` +
          `${Number.isFinite(config.runs) ? `${config.runs} round(s)` : "unbounded rounds"}` +
          `${config.seconds > 0 ? `, ${config.seconds}s budget` : ""}${config.only ? `, only ${config.only}` : ""}`,
      );
      const started = Date.now();
      const fuzzer = new Fuzzer(operations, config, knownDefects);
      await fuzzer.setUp(seedData);
      await fuzzer.run();

      const seconds = (Date.now() - started) / 1000;
      const statuses = [...fuzzer.statusCounts].map(([k, v]) => `${k} ${v}`).join(", ");
      console.log(
        `fuzz summary: ${fuzzer.requests} requests in ${seconds.toFixed(1)}s (${statuses}), ` +
          `${fuzzer.serverErrors} 5xx, ${fuzzer.findings.length} distinct finding(s), actors restored ${fuzzer.heals} time(s), ${fuzzer.unsendable} request(s) the client would not build`,
      );
      if (fuzzer.undeclared.size > 0) {
        console.log(
          `fuzz: error statuses answered but not declared in the document: ${[...fuzzer.undeclared]
            .map(([op, s]) => `${op} → ${[...s].sort().join("/")}`)
            .join("; ")}`,
        );
      }
      const slowest = [...fuzzer.elapsed].sort((a, b) => b[1] - a[1]).slice(0, 5);
      console.log(
        `fuzz: slowest operations: ${slowest.map(([key, ms]) => `${key} ${(ms / 1000).toFixed(1)}s`).join(", ")}`,
      );
      const neverAnswered = operations.filter((op) => !fuzzer.successes.has(op.key)).map((op) => op.key);
      if (neverAnswered.length > 0) {
        const answers = (key: string) =>
          [...(fuzzer.outcomes.get(key) ?? [])]
            .sort((a, b) => b[1] - a[1])
            .map(([outcome, n]) => `${outcome} ×${n}`)
            .join(", ");
        console.log(`fuzz: no 2xx answer from:\n${neverAnswered.map((key) => `  ${key}: ${answers(key)}`).join("\n")}`);
      }
      const seenKnown = new Set(fuzzer.findings.map((f) => f.known));
      for (const defect of knownDefects) {
        if (!seenKnown.has(defect)) console.log(`fuzz: known defect not met this run: ${defect.reason}`);
      }
      const unknown = fuzzer.findings.filter((f) => !f.known);
      if (unknown.length > 0) {
        throw new Error(
          `${unknown.length} finding(s) (seed ${config.seed}):\n\n${unknown.map((f) => formatFinding(f, config.seed)).join("\n\n")}`,
        );
      }
      expect(fuzzer.requests).toBeGreaterThan(0);
    },
    timeoutMs,
  );
});
