import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { createRoute, z } from "@hono/zod-openapi";
import { describe, expect, it } from "vitest";
import { answer, client } from "../../test/support/client.ts";
import { api, expectError, origin } from "../../test/support/shop.ts";
import worker from "../index.ts";
import { createRouter } from "../lib/create-router.ts";
import { type errorSchema, renderError } from "../lib/errors.ts";

/** The error envelope as the API declares it, its request id included. */
type ErrorAnswer = z.infer<typeof errorSchema>;
/** What this file reads of the OpenAPI document. */
type OpenApiDocument = {
  openapi: string;
  paths: Record<string, unknown>;
  components: { schemas: Record<string, unknown> };
};

describe("the error envelope", () => {
  it("answers an unknown API route with 404 not_found", async () => {
    // Raw: a route the API does not have.
    const result = await api<ErrorAnswer>("/no-such-thing", { method: "POST" });
    expectError(result, 404, "not_found");
    expect(result.body.error.requestId).toBeTruthy();
  });

  it("answers an oversized body with 413 payload_too_large before reading it, after the caller's access", async () => {
    // Raw: a body no declared request type allows.
    const oversized = {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ blob: "x".repeat(100 * 1024) }),
    };
    expectError(await api("/auth/login", oversized), 413, "payload_too_large");
    // Access comes first: an anonymous caller of a protected route learns only that it must sign in.
    expectError(await api("/checkout", oversized), 401, "unauthenticated");
  });

  it("carries the secure headers on API responses", async () => {
    const { headers } = await answer(client().categories.$get());
    expect(headers.get("x-content-type-options")).toBe("nosniff");
    expect(headers.get("x-frame-options")).toBe("SAMEORIGIN");
    expect(headers.get("x-request-id")).toBeTruthy();
  });

  it("answers 503 unavailable, not 500, when the database is down", async () => {
    const ctx = createExecutionContext();
    const response = await worker.fetch(
      new Request("http://shop.test/api/v1/products"),
      {
        ...env,
        DATABASE_URL: "postgres://postgres:postgres@localhost:1/royal_shop_test",
        NEON_HTTP_ENDPOINT: "http://127.0.0.1:1/sql",
      } as Parameters<typeof worker.fetch>[1],
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expectError({ status: response.status, body: await response.json() }, 503, "unavailable");
  });

  describe("on JSON bodies of routes built with createRouter", () => {
    const route = createRoute({
      method: "post",
      path: "/echo",
      request: {
        body: { content: { "application/json": { schema: z.object({ quantity: z.number().int().min(0) }) } } },
      },
      responses: { 200: { description: "echo" } },
    });
    const app = createRouter().openapi(route, (c) => c.json(c.req.valid("json"), 200));
    app.onError(renderError);
    /** Raw: the test's own router, sent JSON as written; `T` is the answer the caller expects. */
    const post = async <T = unknown>(body: string) => {
      const response = await app.request("/echo", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });
      return { status: response.status, body: (await response.json()) as T };
    };

    it("answers malformed JSON with 400 invalid_request", async () => {
      expectError(await post("{ not json"), 400, "invalid_request");
    });

    it("answers a wrong type with 400 invalid_request naming the field", async () => {
      const result = await post<ErrorAnswer>(JSON.stringify({ quantity: "three" }));
      expectError(result, 400, "invalid_request");
      expect(result.body.error.details).toEqual([expect.objectContaining({ path: "quantity" })]);
    });

    it("accepts a valid body", async () => {
      expect(await post(JSON.stringify({ quantity: 3 }))).toEqual({ status: 200, body: { quantity: 3 } });
    });
  });
});

describe("OpenAPI", () => {
  it("publishes a document generated from the route definitions", async () => {
    // Raw: the document is served beside the API's routes, not as one of them.
    const { status, body } = await api<OpenApiDocument>("/openapi.json");
    expect(status).toBe(200);
    expect(body.openapi).toBe("3.1.0");
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining(["/health", "/products", "/products/{idOrSlug}", "/categories", "/brands"]),
    );
    expect(body.components.schemas.Error).toBeDefined();
  });

  it("serves a docs page whose scripts are the shop's own files, under a policy that runs nothing else", async () => {
    const response = await exports.default.fetch(`${origin}/api/v1/docs`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    const policy = response.headers.get("content-security-policy") ?? "";
    expect(policy).toContain("default-src 'none'");
    const scriptSrc = policy.split(";").find((directive) => directive.trim().startsWith("script-src"));
    expect(scriptSrc?.trim()).toBe("script-src 'self'");
    const html = await response.text();
    const sources = [...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(sources).toEqual(["/api-docs/swagger-ui.css", "/api-docs/swagger-ui-bundle.js", "/api-docs/init.js"]);
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
  });
});

describe("CORS", () => {
  const preflight = async (origin: string) => {
    const ctx = createExecutionContext();
    const response = await worker.fetch(
      new Request("http://shop.test/api/v1/cart", {
        method: "OPTIONS",
        headers: {
          origin,
          "access-control-request-method": "PUT",
          "access-control-request-headers": "authorization, content-type",
        },
      }),
      { ...env, WEB_ORIGIN: "https://shop.example" },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    return response;
  };

  it("allows the configured web origin, with credentials", async () => {
    const response = await preflight("https://shop.example");
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("https://shop.example");
    expect(response.headers.get("access-control-allow-credentials")).toBe("true");
  });

  it("does not allow other origins", async () => {
    const response = await preflight("https://evil.example");
    expect(response.headers.get("access-control-allow-origin")).not.toBe("https://evil.example");
  });
});
