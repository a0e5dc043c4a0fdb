import { exports } from "cloudflare:workers";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { call, createShoppers, expectError, origin, tokenFor, withServices } from "../../test/support/shop.ts";

const staff = async () => {
  const [user] = await createShoppers(1);
  await withServices(({ db }) => db.execute(sql`UPDATE users SET role = 'staff' WHERE id = ${user.id}`));
  return tokenFor(user, "staff");
};
const product = (overrides: Record<string, unknown> = {}) => ({
  name: `Royal Test Lamp ${crypto.randomUUID().slice(0, 8)}`,
  price: 4_999,
  discount: 500,
  shippingAmount: 700,
  stockQty: 12,
  description: "A warm desk lamp.",
  features: [
    { name: "Bulb", value: "LED 8 W" },
    { name: "Cable", value: "1.8 m" },
  ],
  gallery: [{ url: "/demo/kettle-1.svg", alt: "front" }],
  ...overrides,
});

describe("admin product management", () => {
  it("creates a product with features and gallery, shows it in the shop, updates and deactivates it, auditing each change", async () => {
    const token = await staff();
    const created = await call("/admin/products", { token, body: product() });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: expect.any(String),
      actualPrice: 4_999 + 700 - 500,
      active: true,
      features: [
        { name: "Bulb", value: "LED 8 W" },
        { name: "Cable", value: "1.8 m" },
      ],
    });
    expect(created.body.slug).toMatch(/^royal-test-lamp-/);

    const shown = await call(`/products/${created.body.slug}`);
    expect(shown.body).toMatchObject({
      name: created.body.name,
      gallery: [{ url: "/demo/kettle-1.svg", alt: "front" }],
      features: created.body.features,
    });

    const updated = await call(`/admin/products/${created.body.id}`, {
      method: "PATCH",
      token,
      body: { price: 5_999, features: [{ name: "Bulb", value: "LED 10 W" }] },
    });
    expect(updated.body).toMatchObject({
      price: 5_999,
      actualPrice: 5_999 + 700 - 500,
      features: [{ name: "Bulb", value: "LED 10 W" }],
      gallery: created.body.gallery,
    });

    await call(`/admin/products/${created.body.id}`, { method: "PATCH", token, body: { active: false } });
    expectError(await call(`/products/${created.body.id}`), 404, "not_found");
    const audit = await withServices(async ({ db }) =>
      (
        await db.execute<{ action: string }>(
          sql`SELECT action FROM audit_log WHERE entity_id = ${created.body.id} ORDER BY created_at`,
        )
      ).rows.map((r) => r.action),
    );
    expect(audit).toEqual(["product.create", "product.update", "product.update"]);
  });

  it.each([
    [{ price: -1 }, "price"],
    [{ discount: 6_000 }, "discount"],
    [{ stockQty: 1.5 }, "stockQty"],
    [{ slug: "Not A Slug" }, "slug"],
    [{ categoryId: "nope" }, "categoryId"],
    [{ name: "" }, "name"],
    // Each within the largest amount, but what a customer would pay is not.
    [{ price: 1_000_000_000, shippingAmount: 1_000_000_000, discount: 0 }, "price"],
  ])("rejects %o with 400", async (override, field) => {
    const result = await call("/admin/products", { token: await staff(), body: product(override) });
    expectError(result, 400, "invalid_request");
    expect(JSON.stringify(result.body.error.details)).toContain(field);
  });

  it("answers a duplicate slug with 409 and an unknown category with 409, never 500", async () => {
    const token = await staff();
    const first = await call("/admin/products", {
      token,
      body: product({ slug: `lamp-${crypto.randomUUID().slice(0, 8)}` }),
    });
    expectError(await call("/admin/products", { token, body: product({ slug: first.body.slug }) }), 409, "conflict");
    expectError(
      await call("/admin/products", { token, body: product({ categoryId: "00000000-0000-4000-8000-999999999999" }) }),
      409,
      "conflict",
    );
    expectError(
      await call(`/admin/products/${first.body.id}`, { method: "PATCH", token, body: { discount: 999_999 } }),
      400,
      "invalid_request",
    );
    const priced = await call(`/admin/products/${first.body.id}`, {
      method: "PATCH",
      token,
      body: { price: 999_000_000, shippingAmount: 2_000_000 },
    });
    expectError(priced, 400, "invalid_request");
    expect(priced.body.error.details).toEqual([
      { path: "price", message: "price + shipping − discount is at most 1,000,000,000" },
    ]);
    expectError(
      await call("/admin/products/00000000-0000-4000-8000-999999999999", {
        method: "PATCH",
        token,
        body: { price: 1 },
      }),
      404,
      "not_found",
    );
  });

  it("deletes a product nobody ordered, and refuses (409) to delete one that was sold", async () => {
    const token = await staff();
    const fresh = await call("/admin/products", { token, body: product() });
    expect((await call(`/admin/products/${fresh.body.id}`, { method: "DELETE", token })).status).toBe(204);
    expectError(await call(`/admin/products/${fresh.body.id}`, { method: "DELETE", token }), 404, "not_found");

    const sold = await call("/admin/products", { token, body: product() });
    await withServices(async ({ db }) => {
      const [shopper] = await createShoppers(1);
      const order = await db.execute<{ id: string }>(sql`
        INSERT INTO orders (user_id, currency, subtotal, shipping_address, idempotency_key, request_hash, expires_at)
        VALUES (${shopper.id}, 'USD', 100, '{}'::jsonb, ${crypto.randomUUID()}, 'x', now()) RETURNING id`);
      await db.execute(
        sql`INSERT INTO order_items (order_id, product_id, variant_id, name, variant_title, sku, unit_price, quantity)
          VALUES (${order.rows[0].id}, ${sold.body.id}, ${sold.body.variants[0].id}, 'x', 'Default', 'X', 100, 1)`,
      );
    });
    expectError(await call(`/admin/products/${sold.body.id}`, { method: "DELETE", token }), 409, "conflict");
  });

  it("searches products by text, stock range, category and active flag, including inactive ones", async () => {
    const token = await staff();
    const low = await call("/admin/products", {
      token,
      body: product({ name: `Zanzibar Quill ${crypto.randomUUID().slice(0, 6)}`, stockQty: 2, active: false }),
    });
    const found = await call(`/admin/products?q=zanzibar&maxStock=3&active=false`, { token });
    expect(found.body.items.map((p: any) => p.id)).toContain(low.body.id);
    const phones = await call("/admin/products?category=electronics&limit=100", { token });
    expect(phones.body.items).toHaveLength(13);
    expectError(await call("/admin/products?limit=101", { token }), 400, "invalid_request");
    expectError(await call("/admin/products?minStock=-1", { token }), 400, "invalid_request");
  });
});

describe("categories and brands", () => {
  it("creates a sub-category, refuses a duplicate slug and deleting a parent that still has children", async () => {
    const token = await staff();
    const parent = await call("/admin/categories", {
      token,
      body: { name: `Garden ${crypto.randomUUID().slice(0, 6)}` },
    });
    expect(parent.status).toBe(201);
    const child = await call("/admin/categories", {
      token,
      body: { name: "Tools", slug: `tools-${crypto.randomUUID().slice(0, 6)}`, parentId: parent.body.id },
    });
    expect(child.body.parentId).toBe(parent.body.id);
    expectError(
      await call("/admin/categories", { token, body: { name: "Again", slug: child.body.slug } }),
      409,
      "conflict",
    );
    expectError(await call(`/admin/categories/${parent.body.id}`, { method: "DELETE", token }), 409, "conflict");
    expectError(
      await call(`/admin/categories/${parent.body.id}`, { method: "PATCH", token, body: { parentId: parent.body.id } }),
      400,
      "invalid_request",
    );
    expect((await call(`/admin/categories/${child.body.id}`, { method: "DELETE", token })).status).toBe(204);
    const listed = await call("/categories");
    expect(listed.body.items.map((c: any) => c.id)).toContain(parent.body.id);
  });

  it("manages brands, which have no parent", async () => {
    const token = await staff();
    const brand = await call("/admin/brands", { token, body: { name: `Helios ${crypto.randomUUID().slice(0, 6)}` } });
    expect(brand.status).toBe(201);
    expectError(
      await call("/admin/brands", { token, body: { name: "X", parentId: brand.body.id } }),
      400,
      "invalid_request",
    );
    expect(
      (await call(`/admin/brands/${brand.body.id}`, { method: "PATCH", token, body: { name: "Helios Prime" } })).body
        .name,
    ).toBe("Helios Prime");
  });
});

describe("product images in R2", () => {
  const png = () => {
    const bytes = new Uint8Array(64);
    bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    return bytes;
  };
  const upload = (body: BodyInit, type: string, token?: string) =>
    exports.default.fetch(`${origin}/api/v1/admin/images`, {
      method: "POST",
      body,
      headers: { "content-type": type, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });

  it("stores an image and serves it with long cache headers", async () => {
    const token = await staff();
    const response = await upload(png(), "image/png", token);
    expect(response.status).toBe(201);
    const stored = (await response.json()) as any;
    expect(stored).toMatchObject({
      url: expect.stringMatching(/^\/api\/v1\/images\/products\/[0-9a-f-]{36}\.png$/),
      contentType: "image/png",
      size: 64,
    });
    const served = await exports.default.fetch(`${origin}${stored.url}`);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(served.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(png());
  });

  it("refuses other types (415), a lying Content-Type (415), more than 5 MB (413) and anonymous uploads (401)", async () => {
    const token = await staff();
    expect((await upload("<svg/>", "image/svg+xml", token)).status).toBe(415);
    expect((await upload(png(), "image/jpeg", token)).status).toBe(415);
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set(png());
    expect((await upload(big, "image/png", token)).status).toBe(413);
    expect((await upload(png(), "image/png")).status).toBe(401);
    expect(
      (await exports.default.fetch(`${origin}/api/v1/images/products/00000000-0000-4000-8000-000000000000.png`)).status,
    ).toBe(404);
  });
});
