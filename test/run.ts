import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import { hasRedisServer } from "../local/redis.ts";

/**
 * `npm test`: makes sure the machine has what the suites need (a real redis-server, Chromium),
 * installing it with apt-get on Debian/Ubuntu as root, then runs every suite. Nothing is skipped.
 */
const needs = [
  { name: "redis-server", debianPackage: "redis-server", present: hasRedisServer },
  {
    name: "Chromium",
    debianPackage: "chromium",
    present: () => ["/usr/bin/chromium", "/usr/bin/chromium-browser"].some(existsSync),
  },
];

const missing = needs.filter((need) => !need.present());
if (missing.length > 0) {
  const packages = missing.map((need) => need.debianPackage);
  const canApt = existsSync("/etc/debian_version") && process.getuid?.() === 0;
  if (!canApt) {
    const command = existsSync("/etc/debian_version")
      ? `sudo apt-get install -y ${packages.join(" ")}`
      : process.platform === "darwin"
        ? `brew install ${missing.map((need) => (need.debianPackage === "redis-server" ? "redis" : "--cask chromium")).join(" && brew install ")}`
        : `install ${missing.map((need) => need.name).join(" and ")} with your system's package manager`;
    console.error(`The tests need ${missing.map((need) => need.name).join(" and ")}: ${command}`);
    process.exit(1);
  }
  console.log(`Installing ${packages.join(" and ")} with apt-get, which the tests need.`);
  execFileSync("apt-get", ["update", "-qq"], { stdio: ["ignore", "ignore", "inherit"] });
  execFileSync("apt-get", ["install", "-y", "-qq", ...packages], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
}

const vitest = resolve(import.meta.dirname, "../node_modules/.bin/vitest");
const report = resolve(import.meta.dirname, "../.local/vitest-report.json");
rmSync(report, { force: true });
const result = spawnSync(
  vitest,
  ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...process.argv.slice(2)],
  { stdio: "inherit" },
);
// The report decides as much as the exit code: a run with any failure, or none at all, fails.
let failed = true;
try {
  const { numPassedTests, numFailedTests, numPendingTests, numFailedTestSuites, success } = JSON.parse(
    readFileSync(report, "utf8"),
  );
  console.log(`${numPassedTests} passed, ${numFailedTests} failed, ${numPendingTests} skipped`);
  failed = !success || numFailedTests > 0 || numFailedTestSuites > 0 || numPassedTests === 0;
} catch {
  console.log("no test report was written");
}
process.exit(result.status || (failed ? 1 : 0));
