import { describe, expect, it } from "vitest";
import { seedProducts } from "../../db/seed-data.ts";
import { answer, client, expectStatus } from "../../test/support/client.ts";
import { call, seedAdmin, tokenFor } from "../../test/support/shop.ts";

/** Values for the query parameters that routes require; every other one is left out. */
const requiredValues: Record<string, string> = {
  to: "1999-01-08",
  from: "1999-01-01",
  q: "laptop",
  country: "FR",
  postalCode: "69001",
};
const devOutboxTo = "shopper@royal.shop";

const pathValues: Record<string, string> = {
  idOrSlug: seedProducts[0].slug,
  id: seedProducts[0].id,
  productId: seedProducts[0].id,
  variantId: seedProducts[0].variants[0].id,
};

type Parameter = { name: string; in: string; required?: boolean };
/** What this test reads of the OpenAPI document: each path's GET operation with its parameters. */
type OpenApiDocument = { paths: Record<string, { get?: { parameters?: Parameter[] } }> };

async function operations() {
  // Raw: the document is served beside the API's routes, not as one of them.
  const doc = (await call<OpenApiDocument>("/openapi.json")).body;
  const found: { path: string; parameters: Parameter[] }[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    if (!methods.get) continue;
    found.push({ path, parameters: methods.get.parameters ?? [] });
  }
  return found;
}

function urlOf(path: string, query: Record<string, string>) {
  const filled = path.replace(/\{(\w+)\}/g, (_, name) => pathValues[name] ?? crypto.randomUUID());
  const search = new URLSearchParams(query).toString();
  return search ? `${filled}?${search}` : filled;
}

describe("optional query parameters", () => {
  it("answers every GET route without its optional query parameters, as the OpenAPI document promises", async () => {
    const token = await tokenFor(seedAdmin, "admin");
    const checked: string[] = [];
    for (const { path, parameters } of await operations()) {
      const query = parameters.filter((p) => p.in === "query");
      if (query.length === 0) continue;
      const required = Object.fromEntries(
        query
          .filter((p) => p.required)
          .map((p) => [p.name, path === "/dev/outbox" && p.name === "to" ? devOutboxTo : requiredValues[p.name]]),
      );
      for (const [name, value] of Object.entries(required)) expect(value, `${path} requires ${name}`).toBeDefined();
      // Raw: every GET route of the document, its URL built from the parameters it lists.
      const result = await call(urlOf(path, required), { token });
      expect(result.status, `${path}: ${JSON.stringify(result.body)}`).not.toBe(400);
      expect(result.status, path).toBeLessThan(500);
      checked.push(path);
    }
    expect(checked).toContain("/admin/reports/low-stock");
    expect(checked.length).toBeGreaterThanOrEqual(10);
  });

  it("refuses a request without a parameter the document marks required", async () => {
    const token = await tokenFor(seedAdmin, "admin");
    for (const { path, parameters } of await operations()) {
      for (const missing of parameters.filter((p) => p.in === "query" && p.required)) {
        const rest = Object.fromEntries(
          parameters
            .filter((p) => p.in === "query" && p.required && p.name !== missing.name)
            .map((p) => [p.name, requiredValues[p.name] ?? devOutboxTo]),
        );
        // Raw: a URL left without a parameter the route requires.
        const result = await call(urlOf(path, rest), { token });
        expect(result.status, `${path} without ${missing.name}`).toBe(400);
      }
    }
  });

  it("uses each variant's own low-stock threshold when none is given", async () => {
    const token = await tokenFor(seedAdmin, "admin");
    const low = await answer(client({ token }).admin.reports["low-stock"].$get({ query: { limit: "100" } }));
    expect(low.status).toBe(200);
    const seeded = new Map(seedProducts.map((p) => [p.id, p]));
    const mine = expectStatus(low, 200).items.filter((i) => seeded.has(i.product.id));
    expect(mine.length).toBeGreaterThan(0);
    for (const { variant } of mine) expect(variant.stockQty).toBeLessThan(variant.threshold);
  });
});
