import { spawnSync } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, inject, it } from "vitest";

/**
 * The OpenAPI document as third parties meet it: linted by Redocly's recommended rules (the pinned
 * @redocly/cli), and turned into a typed client by openapi-typescript that compiles.
 */
const shopUrl = inject("shopUrl");
const root = resolve(import.meta.dirname, "../..");

async function documentFile(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), "royal-shop-openapi-"));
  const file = join(folder, "openapi.json");
  await writeFile(file, await fetch(`${shopUrl}/api/v1/openapi.json`).then((r) => r.text()));
  return file;
}

describe("the OpenAPI document", () => {
  it("passes Redocly's recommended rules with no error and no warning", async () => {
    const file = await documentFile();
    const lint = spawnSync(
      join(root, "node_modules/.bin/redocly"),
      ["lint", file, "--extends=recommended", "--format=stylish"],
      {
        encoding: "utf8",
        env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", NO_COLOR: "1" },
      },
    );
    const said = `${lint.stdout}\n${lint.stderr}`;
    expect(said).toMatch(/Woohoo! Your API description is valid/);
    expect(said).not.toMatch(/warning/i);
    expect(lint.status).toBe(0);
  });

  it("gives a third party a typed client (openapi-typescript) that compiles", async () => {
    const client = join(root, "test/openapi-client");
    const bin = (name: string) => join(client, "node_modules/.bin", name);
    const generated = spawnSync(bin("openapi-typescript"), [await documentFile(), "-o", "generated/openapi.ts"], {
      cwd: client,
      encoding: "utf8",
    });
    expect(generated.status, generated.stderr).toBe(0);
    const compiled = spawnSync(bin("tsc"), ["-p", "tsconfig.json"], { cwd: client, encoding: "utf8" });
    expect(compiled.status, `${compiled.stdout}${compiled.stderr}`).toBe(0);
  });
});
