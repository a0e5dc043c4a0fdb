import { exports } from "cloudflare:workers";
import { sql } from "drizzle-orm";
import type { InferRequestType, InferResponseType } from "hono/client";
import { describe, expect, it } from "vitest";
import { answer, client, expectStatus } from "../../test/support/client.ts";
import { call, createShoppers, expectError, origin, tokenFor, withServices } from "../../test/support/shop.ts";

type NewProduct = InferRequestType<ReturnType<typeof client>["admin"]["products"]["$post"]>["json"];
type StoredImage = InferResponseType<ReturnType<typeof client>["admin"]["images"]["$post"], 201>;

const staff = async () => {
  const [user] = await createShoppers(1);
  await withServices(({ db }) => db.execute(sql`UPDATE users SET role = 'staff' WHERE id = ${user.id}`));
  return tokenFor(user, "staff");
};
const product = (overrides: Partial<NewProduct> = {}): NewProduct => ({
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
    const admin = client({ token }).admin;
    const created = expectStatus(await answer(admin.products.$post({ json: product() })), 201);
    expect(created).toMatchObject({
      id: expect.any(String),
      actualPrice: 4_999 + 700 - 500,
      active: true,
      features: [
        { name: "Bulb", value: "LED 8 W" },
        { name: "Cable", value: "1.8 m" },
      ],
    });
    expect(created.slug).toMatch(/^royal-test-lamp-/);

    const shown = await answer(client().products[":idOrSlug"].$get({ param: { idOrSlug: created.slug } }));
    expect(shown.body).toMatchObject({
      name: created.name,
      gallery: [{ url: "/demo/kettle-1.svg", alt: "front" }],
      features: created.features,
    });

    const updated = await answer(
      admin.products[":id"].$patch({
        param: { id: created.id },
        json: { price: 5_999, features: [{ name: "Bulb", value: "LED 10 W" }] },
      }),
    );
    expect(updated.body).toMatchObject({
      price: 5_999,
      actualPrice: 5_999 + 700 - 500,
      features: [{ name: "Bulb", value: "LED 10 W" }],
      gallery: created.gallery,
    });

    await answer(admin.products[":id"].$patch({ param: { id: created.id }, json: { active: false } }));
    expectError(
      await answer(client().products[":idOrSlug"].$get({ param: { idOrSlug: created.id } })),
      404,
      "not_found",
    );
    const audit = await withServices(async ({ db }) =>
      (
        await db.execute<{ action: string }>(
          sql`SELECT action FROM audit_log WHERE entity_id = ${created.id} ORDER BY created_at`,
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
    const result = await answer(client({ token: await staff() }).admin.products.$post({ json: product(override) }));
    expectError(result, 400, "invalid_request");
    expect(JSON.stringify(expectStatus(result, 400).error.details)).toContain(field);
  });

  it("answers a duplicate slug with 409 and an unknown category with 409, never 500", async () => {
    const token = await staff();
    const admin = client({ token }).admin;
    const first = expectStatus(
      await answer(admin.products.$post({ json: product({ slug: `lamp-${crypto.randomUUID().slice(0, 8)}` }) })),
      201,
    );
    expectError(await answer(admin.products.$post({ json: product({ slug: first.slug }) })), 409, "conflict");
    expectError(
      await answer(admin.products.$post({ json: product({ categoryId: "00000000-0000-4000-8000-999999999999" }) })),
      409,
      "conflict",
    );
    expectError(
      await answer(admin.products[":id"].$patch({ param: { id: first.id }, json: { discount: 999_999 } })),
      400,
      "invalid_request",
    );
    const priced = await answer(
      admin.products[":id"].$patch({
        param: { id: first.id },
        json: { price: 999_000_000, shippingAmount: 2_000_000 },
      }),
    );
    expectError(priced, 400, "invalid_request");
    expect(expectStatus(priced, 400).error.details).toEqual([
      { path: "price", message: "price + shipping − discount is at most 1,000,000,000" },
    ]);
    expectError(
      await answer(
        admin.products[":id"].$patch({ param: { id: "00000000-0000-4000-8000-999999999999" }, json: { price: 1 } }),
      ),
      404,
      "not_found",
    );
  });

  it("deletes a product nobody ordered, and refuses (409) to delete one that was sold", async () => {
    const token = await staff();
    const admin = client({ token }).admin;
    const fresh = expectStatus(await answer(admin.products.$post({ json: product() })), 201);
    expect((await answer(admin.products[":id"].$delete({ param: { id: fresh.id } }))).status).toBe(204);
    expectError(await answer(admin.products[":id"].$delete({ param: { id: fresh.id } })), 404, "not_found");

    const sold = expectStatus(await answer(admin.products.$post({ json: product() })), 201);
    await withServices(async ({ db }) => {
      const [shopper] = await createShoppers(1);
      const order = await db.execute<{ id: string }>(sql`
        INSERT INTO orders (user_id, currency, subtotal, shipping_address, idempotency_key, request_hash, expires_at)
        VALUES (${shopper.id}, 'USD', 100, '{}'::jsonb, ${crypto.randomUUID()}, 'x', now()) RETURNING id`);
      await db.execute(
        sql`INSERT INTO order_items (order_id, product_id, variant_id, name, variant_title, sku, unit_price, quantity,
            discount_amount, net_amount, tax_amount, tax_rate_bps)
          VALUES (${order.rows[0].id}, ${sold.id}, ${sold.variants[0].id}, 'x', 'Default', 'X', 100, 1, 0, 100, 0, 0)`,
      );
    });
    expectError(await answer(admin.products[":id"].$delete({ param: { id: sold.id } })), 409, "conflict");
  });

  it("searches products by text, stock range, category and active flag, including inactive ones", async () => {
    const token = await staff();
    const admin = client({ token }).admin;
    const low = expectStatus(
      await answer(
        admin.products.$post({
          json: product({ name: `Zanzibar Quill ${crypto.randomUUID().slice(0, 6)}`, stockQty: 2, active: false }),
        }),
      ),
      201,
    );
    const found = expectStatus(
      await answer(admin.products.$get({ query: { q: "zanzibar", maxStock: "3", active: "false" } })),
      200,
    );
    expect(found.items.map((p) => p.id)).toContain(low.id);
    const phones = expectStatus(
      await answer(admin.products.$get({ query: { category: "electronics", limit: "100" } })),
      200,
    );
    expect(phones.items).toHaveLength(13);
    expectError(await answer(admin.products.$get({ query: { limit: "101" } })), 400, "invalid_request");
    expectError(await answer(admin.products.$get({ query: { minStock: "-1" } })), 400, "invalid_request");
  });
});

describe("categories and brands", () => {
  it("creates a sub-category, refuses a duplicate slug and deleting a parent that still has children", async () => {
    const token = await staff();
    const categories = client({ token }).admin.categories;
    const parent = expectStatus(
      await answer(categories.$post({ json: { name: `Garden ${crypto.randomUUID().slice(0, 6)}` } })),
      201,
    );
    const child = expectStatus(
      await answer(
        categories.$post({
          json: { name: "Tools", slug: `tools-${crypto.randomUUID().slice(0, 6)}`, parentId: parent.id },
        }),
      ),
      201,
    );
    expect(child.parentId).toBe(parent.id);
    expectError(await answer(categories.$post({ json: { name: "Again", slug: child.slug } })), 409, "conflict");
    expectError(await answer(categories[":id"].$delete({ param: { id: parent.id } })), 409, "conflict");
    expectError(
      await answer(categories[":id"].$patch({ param: { id: parent.id }, json: { parentId: parent.id } })),
      400,
      "invalid_request",
    );
    expect((await answer(categories[":id"].$delete({ param: { id: child.id } }))).status).toBe(204);
    const listed = expectStatus(await answer(client().categories.$get()), 200);
    expect(listed.items.map((c) => c.id)).toContain(parent.id);
  });

  it("manages brands, which have no parent", async () => {
    const token = await staff();
    const brands = client({ token }).admin.brands;
    const brand = expectStatus(
      await answer(brands.$post({ json: { name: `Helios ${crypto.randomUUID().slice(0, 6)}` } })),
      201,
    );
    // A brand's body declares no parentId: the typed client cannot send one, so this stays raw.
    expectError(
      await call("/admin/brands", { token, body: { name: "X", parentId: brand.id } }),
      400,
      "invalid_request",
    );
    expect(
      expectStatus(await answer(brands[":id"].$patch({ param: { id: brand.id }, json: { name: "Helios Prime" } })), 200)
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
  // Raw: the body is the image's bytes under a Content-Type of the test's choosing, which the route does not declare.
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
    const stored = await response.json<StoredImage>();
    expect(stored).toMatchObject({
      url: expect.stringMatching(/^\/api\/v1\/images\/products\/[0-9a-f-]{36}\.png$/),
      contentType: "image/png",
      size: 64,
    });
    // The URL as the upload answered it, and an image body rather than JSON: raw.
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
      (
        await answer(
          client().images.products[":file"].$get({ param: { file: "00000000-0000-4000-8000-000000000000.png" } }),
        )
      ).status,
    ).toBe(404);
  });
});
