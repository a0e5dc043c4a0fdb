import { exports } from "cloudflare:workers";
import type { InferRequestType } from "hono/client";
import { describe, expect, it } from "vitest";
import { answer, client, expectStatus } from "../../test/support/client.ts";
import {
  api,
  call,
  createShoppers,
  type ErrorBody,
  expectError,
  origin,
  seedAdmin,
  tokenFor,
} from "../../test/support/shop.ts";
import { encodeCursor } from "../lib/cursor.ts";

type CreateProduct = InferRequestType<ReturnType<typeof client>["admin"]["products"]["$post"]>["json"];
type DefineCoupon = InferRequestType<ReturnType<typeof client>["admin"]["coupons"]["$post"]>["json"];

/** Input the database could not hold is refused with 400 naming the field, never answered with a 500. */
describe("input the database could not hold", () => {
  const admin = () => tokenFor(seedAdmin, "admin");
  const refused = (result: { status: number; body: unknown }, field: string) => {
    expectError(result, 400, "invalid_request");
    expect(result.body).toMatchObject({
      error: { details: expect.arrayContaining([expect.objectContaining({ path: field })]) },
    });
  };

  it("refuses money and stock past the largest amount, an actual price (price + shipping − discount) included", async () => {
    const token = await admin();
    const name = `Costly ${crypto.randomUUID().slice(0, 8)}`;
    const create = (json: CreateProduct) => answer(client({ token }).admin.products.$post({ json }));
    refused(await create({ name, price: 2_147_483_648, stockQty: 1 }), "price");
    refused(await create({ name, price: 1, stockQty: 2_147_483_648 }), "stockQty");
    refused(await create({ name, price: 2_000_000_000, shippingAmount: 2_000_000_000, stockQty: 1 }), "price");
    // Each part within the largest amount, but not what a customer would pay for one.
    refused(await create({ name, price: 1_000_000_000, shippingAmount: 1_000_000_000, stockQty: 1 }), "price");
    // The largest actual price and stock taken.
    const largest = await create({
      name,
      price: 999_000_000,
      shippingAmount: 1_000_000,
      stockQty: 1_000_000_000,
      active: false,
    });
    expect(largest.status).toBe(201);
    expect(expectStatus(largest, 201).actualPrice).toBe(1_000_000_000);
  });

  it("refuses coupon terms past 32 bits and a validity longer than ten years", async () => {
    const token = await admin();
    const coupon = { title: "Big", kind: "fixed", value: 100, validFor: "P7D" } as const;
    const define = (json: DefineCoupon) => answer(client({ token }).admin.coupons.$post({ json }));
    refused(await define({ ...coupon, value: 2_147_483_648 }), "value");
    refused(await define({ ...coupon, usageLimit: 2_147_483_648 }), "usageLimit");
    for (const validFor of ["P9999999999Y", "P11Y", "PT999999H"]) {
      refused(await define({ ...coupon, validFor }), "validFor");
    }
    const decade = await define({ ...coupon, validFor: "P10Y" });
    expect(decade.status).toBe(201);
    expect(expectStatus(decade, 201).validFor).toBe("P10Y");
  });

  it("refuses list bounds past 32 bits, year 0 and impossible dates, in parameters and in cursors", async () => {
    const token = await admin();
    // Raw: query strings with values out of bounds, as written.
    refused(await api("/products?maxPrice=2147483648"), "maxPrice");
    refused(await call("/admin/products?maxStock=2147483648", { token }), "maxStock");
    refused(await call("/admin/orders?from=0000-01-01T00:00:00Z", { token }), "from");
    refused(await call("/admin/reports/revenue?from=0000-01-01&to=0000-12-31", { token }), "from");
    refused(await call("/admin/audit?to=0000-06-01T00:00:00Z", { token }), "to");
    const [shopper] = await createShoppers(1);
    const id = "00000000-0000-4000-8000-000000000001";
    for (const time of ["2026-02-30T00:00:00.000000Z", "0000-01-01T00:00:00.000000Z", "2026-00-10T00:00:00.000000Z"]) {
      const cursor = encodeCursor([time, id]);
      refused(await call(`/orders?cursor=${cursor}`, { token: shopper.token }), "cursor");
      refused(await api(`/products?sort=newest&cursor=${cursor}`), "cursor");
      refused(await call(`/admin/audit?cursor=${cursor}`, { token }), "cursor");
    }
  });

  it("refuses text holding U+0000 in a path, a query or a JSON body", async () => {
    const [shopper] = await createShoppers(1);
    const shop = () => client({ token: shopper.token });
    // Raw: the path and the query carry the escaped U+0000 as written.
    expectError(await api("/products/a%00b"), 400, "invalid_request");
    expectError(await api("/products?q=a%00b"), 400, "invalid_request");
    const body = await answer(shop().me.$patch({ json: { displayName: "a\u0000b" } }));
    expectError(body, 400, "invalid_request");
    expect(expectStatus(body, 400).error.details).toEqual([{ path: "body", message: "contains U+0000" }]);
    expectError(
      await answer(shop().comments.$post({ json: { kind: "suggestion", body: "Hi\u0000" } })),
      400,
      "invalid_request",
    );
    // Text around it is fine.
    expect((await answer(shop().me.$patch({ json: { displayName: "A\\u00b" } }))).status).toBe(200);
  });

  it("takes a Bearer token alone in its header, and bounds every body but an image upload", async () => {
    const [shopper] = await createShoppers(1);
    // Raw: authorization headers other than the client's own `Bearer <token>`.
    expectError(
      await call("/me", { headers: { authorization: `Bearer ${shopper.token} junk` } }),
      401,
      "invalid_token",
    );
    expectError(await call("/me", { headers: { authorization: `Basic ${shopper.token}` } }), 401, "invalid_token");
    expect((await call("/me", { headers: { authorization: `bearer ${shopper.token}` } })).status).toBe(200);

    // Raw: a 2 MiB image body, where the route declares no body to send.
    const big = new Uint8Array(2 * 1024 * 1024);
    const webhook = await exports.default.fetch(`${origin}/api/v1/payments/stripe/webhook`, {
      method: "POST",
      headers: { "content-type": "image/png" },
      body: big,
    });
    expect(webhook.status).toBe(413);
    expect(((await webhook.json()) as ErrorBody).error.code).toBe("payload_too_large");
  });
});
