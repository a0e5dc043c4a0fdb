import { describe, expect, it } from "vitest";
import { api, call, createProduct, createShoppers } from "../../test/support/shop.ts";

/** The round trips a response says it cost (Server-Timing, in development). */
function trips(headers: Headers) {
  const timing = headers.get("server-timing") ?? "";
  const count = (name: string) => Number(new RegExp(`${name};desc="(\\d+)"`).exec(timing)?.[1] ?? Number.NaN);
  return { db: count("db"), redis: count("redis") };
}

describe("round trips per request (Server-Timing in development)", () => {
  it("reads the catalog list, a product, a search and the cart in one Postgres round trip each, signed in or not", async () => {
    const [shopper] = await createShoppers(1);
    const product = await createProduct({ stock: 5 });
    const reads = [
      "/products?category=electronics&minPrice=100&inStock=true&sort=rating&limit=10",
      `/products/${product.slug}`,
      "/products?q=phone",
    ];
    for (const path of reads) {
      const signedIn = await call(path, { token: shopper.token });
      expect(signedIn.status, path).toBe(200);
      expect(trips(signedIn.headers), `${path} signed in`).toEqual({ db: 1, redis: 0 });
    }
    const cart = await call("/cart", { token: shopper.token });
    expect(trips(cart.headers)).toEqual({ db: 1, redis: 0 });
    const me = await call("/me", { token: shopper.token });
    expect(trips(me.headers)).toEqual({ db: 1, redis: 0 });
  });

  it("serves an anonymous catalog read from the edge cache with no Postgres round trip", async () => {
    const path = `/products?q=${crypto.randomUUID().slice(0, 8)}`;
    const miss = await api(path);
    expect(miss.headers.get("x-cache")).toBeNull();
    expect(trips(miss.headers).db).toBe(1);
    const hit = await api(path);
    expect(hit.headers.get("x-cache")).toBe("hit");
    expect(trips(hit.headers).db).toBe(0);
    expect(trips(hit.headers).redis).toBeLessThanOrEqual(1);
  });
});
