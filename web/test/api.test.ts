import { describe, expect, it } from "vitest";
import { ApiError, productSearchParams, request } from "../src/lib/http.ts";

describe("productSearchParams", () => {
  it("keeps only the filters that are set", () => {
    expect(productSearchParams({})).toBe("");
    expect(productSearchParams({ q: "phone", category: undefined, inStock: true, sort: "price_asc", limit: 10 })).toBe(
      "?q=phone&inStock=true&sort=price_asc&limit=10",
    );
  });
});

describe("request", () => {
  const respond = (status: number, body: unknown) => async () =>
    new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: { "content-type": "application/json" },
    });

  it("returns the JSON body of a success", async () => {
    expect(await request("/brands", {}, respond(200, { items: [] }))).toEqual({ items: [] });
  });

  it("throws an ApiError carrying the contract's code, message and details", async () => {
    const failure = request(
      "/products?limit=0",
      {},
      respond(400, { error: { code: "invalid_request", message: "bad", details: [{ path: "limit" }] } }),
    );
    await expect(failure).rejects.toBeInstanceOf(ApiError);
    await expect(failure).rejects.toMatchObject({
      status: 400,
      code: "invalid_request",
      message: "bad",
      details: [{ path: "limit" }],
    });
  });

  it("survives an error answer that is not JSON", async () => {
    const failure = request(
      "/x",
      {},
      async () => new Response("Bad gateway", { status: 502, statusText: "Bad Gateway" }),
    );
    await expect(failure).rejects.toMatchObject({ status: 502, code: "unknown" });
  });
});
