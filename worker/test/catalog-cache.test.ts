import type { InferResponseType } from "hono/client";
import { describe, expect, it } from "vitest";
import { seedProducts } from "../../db/seed-data.ts";
import { answer, client, expectStatus } from "../../test/support/client.ts";
import { createShoppers, seedAdmin, tokenFor } from "../../test/support/shop.ts";

type ProductList = InferResponseType<ReturnType<typeof client>["products"]["$get"], 200>;

describe("edge-cached catalog reads", () => {
  it("serves a repeated anonymous read from the cache, with an ETag that answers 304", async () => {
    const read = (headers?: Record<string, string>) =>
      answer(client({ headers }).products.$get({ query: { limit: "3", sort: "price_desc", q: "laptop" } }));
    const first = await read();
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toBe("public, max-age=0, s-maxage=30, must-revalidate");
    const etag = first.headers.get("etag") as string;
    expect(etag).toMatch(/^W\/"\d+-[0-9a-f]{20}"$/);
    const second = await read();
    expect(second.headers.get("x-cache")).toBe("hit");
    expect(second.body).toEqual(first.body);
    const revalidated = await read({ "if-none-match": etag });
    expect(revalidated.status).toBe(304);
  });

  it("makes the next read fresh after an admin changes a product", async () => {
    const token = await tokenFor(seedAdmin, "admin");
    const products = client({ token }).admin.products;
    const created = expectStatus(
      await answer(
        products.$post({ json: { name: `Cache Probe ${crypto.randomUUID().slice(0, 8)}`, price: 1_000, stockQty: 5 } }),
      ),
      201,
    );
    const read = () => answer(client().products[":idOrSlug"].$get({ param: { idOrSlug: created.slug } }));
    expect(expectStatus(await read(), 200).price).toBe(1_000);
    expect((await read()).headers.get("x-cache")).toBe("hit");
    await answer(products[":id"].$patch({ param: { id: created.id }, json: { price: 1_500 } }));
    const fresh = await read();
    expect(expectStatus(fresh, 200).price).toBe(1_500);
    expect(fresh.headers.get("x-cache")).toBeNull();
  });

  it("does not cache signed-in reads", async () => {
    const [shopper] = await createShoppers(1);
    await answer(client({ token: shopper.token }).categories.$get());
    const again = await answer(client({ token: shopper.token }).categories.$get());
    expect(again.headers.get("x-cache")).toBeNull();
    expect(again.headers.get("etag")).toBeNull();
  });
});

describe("keyset pagination while products change", () => {
  it("walks every seeded product exactly once although a product is added mid-walk", async () => {
    const token = await tokenFor(seedAdmin, "admin");
    const shop = client({ token });
    const seen: string[] = [];
    let cursor: string | null = null;
    let page = 0;
    do {
      // A signed-in read skips the cache, so each page reflects the moment it is read.
      const result = await answer(
        shop.products.$get({ query: { sort: "price_asc", limit: "7", cursor: cursor ?? undefined } }),
      );
      const body: ProductList = expectStatus(result, 200);
      seen.push(...body.items.map((p) => p.id));
      cursor = body.nextCursor;
      if (page++ === 1) {
        await answer(
          shop.admin.products.$post({
            json: { name: `Mid-walk ${crypto.randomUUID().slice(0, 8)}`, price: 1, stockQty: 1 },
          }),
        );
        await answer(
          shop.admin.products.$post({
            json: { name: `Mid-walk ${crypto.randomUUID().slice(0, 8)}`, price: 999_999, stockQty: 1 },
          }),
        );
      }
    } while (cursor && page < 500);
    expect(new Set(seen).size).toBe(seen.length);
    for (const product of seedProducts) expect(seen.filter((id) => id === product.id)).toHaveLength(1);
  });
});
