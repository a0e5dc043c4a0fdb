import { describe, expect, it } from "vitest";
import { seedProducts } from "../../db/seed-data.ts";
import { api, call, createShoppers, seedAdmin, tokenFor } from "../../test/support/shop.ts";

describe("edge-cached catalog reads", () => {
  it("serves a repeated anonymous read from the cache, with an ETag that answers 304", async () => {
    const path = `/products?limit=3&sort=price_desc&q=${encodeURIComponent("laptop")}`;
    const first = await api(path);
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toBe("public, max-age=0, s-maxage=30, must-revalidate");
    const etag = first.headers.get("etag") as string;
    expect(etag).toMatch(/^W\/"\d+-[0-9a-f]{20}"$/);
    const second = await api(path);
    expect(second.headers.get("x-cache")).toBe("hit");
    expect(second.body).toEqual(first.body);
    const revalidated = await api(path, { headers: { "if-none-match": etag } });
    expect(revalidated.status).toBe(304);
  });

  it("makes the next read fresh after an admin changes a product", async () => {
    const token = await tokenFor(seedAdmin, "admin");
    const created = await call("/admin/products", {
      token,
      body: { name: `Cache Probe ${crypto.randomUUID().slice(0, 8)}`, price: 1_000, stockQty: 5 },
    });
    const path = `/products/${created.body.slug}`;
    expect((await api(path)).body.price).toBe(1_000);
    expect((await api(path)).headers.get("x-cache")).toBe("hit");
    await call(`/admin/products/${created.body.id}`, { method: "PATCH", token, body: { price: 1_500 } });
    const fresh = await api(path);
    expect(fresh.body.price).toBe(1_500);
    expect(fresh.headers.get("x-cache")).toBeNull();
  });

  it("does not cache signed-in reads", async () => {
    const [shopper] = await createShoppers(1);
    await call("/categories", { token: shopper.token });
    const again = await call("/categories", { token: shopper.token });
    expect(again.headers.get("x-cache")).toBeNull();
    expect(again.headers.get("etag")).toBeNull();
  });
});

describe("keyset pagination while products change", () => {
  it("walks every seeded product exactly once although a product is added mid-walk", async () => {
    const token = await tokenFor(seedAdmin, "admin");
    const seen: string[] = [];
    let cursor: string | null = null;
    let page = 0;
    do {
      // A signed-in read skips the cache, so each page reflects the moment it is read.
      const result: { body: any } = await call(`/products?sort=price_asc&limit=7${cursor ? `&cursor=${cursor}` : ""}`, {
        token,
      });
      seen.push(...result.body.items.map((p: any) => p.id));
      cursor = result.body.nextCursor;
      if (page++ === 1) {
        await call("/admin/products", {
          token,
          body: { name: `Mid-walk ${crypto.randomUUID().slice(0, 8)}`, price: 1, stockQty: 1 },
        });
        await call("/admin/products", {
          token,
          body: { name: `Mid-walk ${crypto.randomUUID().slice(0, 8)}`, price: 999_999, stockQty: 1 },
        });
      }
    } while (cursor && page < 500);
    expect(new Set(seen).size).toBe(seen.length);
    for (const product of seedProducts) expect(seen.filter((id) => id === product.id)).toHaveLength(1);
  });
});
