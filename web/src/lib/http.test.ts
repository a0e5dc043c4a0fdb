import { describe, expect, it } from "vitest";
import { ApiError, createClient, read, setOnly } from "./http.ts";

describe("setOnly", () => {
  it("keeps only the filters that are set", () => {
    expect(setOnly({})).toEqual({});
    expect(setOnly({ q: "phone", category: undefined, inStock: "true", sort: "price_asc", limit: "10" })).toEqual({
      q: "phone",
      inStock: "true",
      sort: "price_asc",
      limit: "10",
    });
  });
});

describe("the typed client", () => {
  const seen: string[] = [];
  const respond = (status: number, body: unknown) =>
    createClient(async (input) => {
      seen.push(String(input));
      return new Response(body === undefined ? null : JSON.stringify(body), {
        status,
        headers: { "content-type": "application/json" },
      });
    });

  it("calls the route's path with its query, and returns the JSON body of a success", async () => {
    const client = respond(200, { items: [] });
    expect(await read(client.brands.$get())).toEqual({ items: [] });
    await read(client.products.$get({ query: { q: "lamp", limit: "5" } }));
    expect(seen.at(-1)).toMatch(/\/api\/v1\/products\?q=lamp&limit=5$/);
  });

  it("throws an ApiError carrying the contract's code, message and details", async () => {
    const client = respond(400, { error: { code: "invalid_request", message: "bad", details: [{ path: "limit" }] } });
    const failure = read(client.products.$get({ query: { limit: "0" } }));
    await expect(failure).rejects.toBeInstanceOf(ApiError);
    await expect(failure).rejects.toMatchObject({
      status: 400,
      code: "invalid_request",
      message: "bad",
      details: [{ path: "limit" }],
    });
  });

  it("survives an error answer that is not JSON", async () => {
    const client = createClient(async () => new Response("Bad gateway", { status: 502, statusText: "Bad Gateway" }));
    await expect(read(client.brands.$get())).rejects.toMatchObject({ status: 502, code: "unknown" });
  });
});
