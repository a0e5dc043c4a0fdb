import { describe, expect, it } from "vitest";
import { answer, client, expectStatus } from "../../test/support/client.ts";
import {
  address,
  call,
  checkoutAs,
  createProduct,
  createShoppers,
  createSizedProduct,
  seedAdmin,
  setVariantLine,
  tokenFor,
} from "../../test/support/shop.ts";

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
    const shirt = await createSizedProduct({ S: 2, M: 3 });
    const shop = () => client({ token: shopper.token });
    const reads: [path: string, read: () => Promise<{ status: number; headers: Headers }>][] = [
      [
        "/products?category=electronics&minPrice=100&inStock=true&sort=rating&limit=10",
        () =>
          answer(
            shop().products.$get({
              query: { category: "electronics", minPrice: "100", inStock: "true", sort: "rating", limit: "10" },
            }),
          ),
      ],
      // Option filters (`option.<Name>`) are not declared parameters: their query goes raw.
      [
        "/products?option.Size=M&option.Colour=Blue&limit=10",
        () => call("/products?option.Size=M&option.Colour=Blue&limit=10", { token: shopper.token }),
      ],
      [
        `/products/${product.slug}`,
        () => answer(shop().products[":idOrSlug"].$get({ param: { idOrSlug: product.slug } })),
      ],
      [`/products/${shirt.slug}`, () => answer(shop().products[":idOrSlug"].$get({ param: { idOrSlug: shirt.slug } }))],
      ["/products?q=phone", () => answer(shop().products.$get({ query: { q: "phone" } }))],
      ["/products?q=latpop", () => answer(shop().products.$get({ query: { q: "latpop" } }))],
      ["/products/suggest?q=oxfrd", () => answer(shop().products.suggest.$get({ query: { q: "oxfrd" } }))],
    ];
    for (const [path, read] of reads) {
      const signedIn = await read();
      expect(signedIn.status, path).toBe(200);
      expect(trips(signedIn.headers), `${path} signed in`).toEqual({ db: 1, redis: 0 });
    }
    const cart = await answer(shop().cart.$get());
    expect(trips(cart.headers)).toEqual({ db: 1, redis: 0 });
    const me = await answer(shop().me.$get());
    expect(trips(me.headers)).toEqual({ db: 1, redis: 0 });
  });

  it("changes a display name in one Postgres round trip and none to Redis: the shop-wide catalog cache stays warm", async () => {
    const [shopper] = await createShoppers(1);
    for (const displayName of ["Grace H.", "Ada L.", null]) {
      const changed = await answer(client({ token: shopper.token }).me.$patch({ json: { displayName } }));
      expect(changed.status).toBe(200);
      expect(trips(changed.headers)).toEqual({ db: 1, redis: 0 });
    }
  });

  it("changes a cart line in one round trip, quotes it to an address in one, checks out in two, and reads orders in one", async () => {
    const [shopper] = await createShoppers(1);
    const shirt = await createSizedProduct({ S: 4, M: 4 });
    const added = await setVariantLine(shopper.token, shirt.variants.S, 2);
    expect(added.status).toBe(200);
    const changed = await setVariantLine(shopper.token, shirt.variants.M, 1);
    const removed = await answer(
      client({ token: shopper.token }).cart.variants[":variantId"].$delete({ param: { variantId: shirt.variants.M } }),
    );
    for (const [name, response] of Object.entries({ added, changed, removed })) {
      console.log(`round trips: cart ${name}`, JSON.stringify(trips(response.headers)));
      expect(trips(response.headers).db, name).toBe(1);
    }
    // The options and the total to an address: the cart, the zones and the rates, together.
    const options = await answer(
      client({ token: shopper.token }).cart["shipping-options"].$get({
        query: { country: address.country, postalCode: address.postalCode },
      }),
    );
    expectStatus(options, 200);
    expect(trips(options.headers).db).toBe(1);
    const order = await checkoutAs(shopper.token, { shippingAddress: address });
    const placed = expectStatus(order, 201);
    console.log("round trips: checkout", JSON.stringify(trips(order.headers)));
    expect(trips(order.headers).db).toBeLessThanOrEqual(2);
    // Reading one's orders also expires one's stale reservations, in the same round trip.
    const list = await answer(client({ token: shopper.token }).orders.$get({ query: {} }));
    const one = await answer(client({ token: shopper.token }).orders[":id"].$get({ param: { id: placed.id } }));
    expect([trips(list.headers).db, trips(one.headers).db]).toEqual([1, 1]);
  });

  it("creates a product with its variants in one round trip, and changes a variant's stock in two", async () => {
    const token = await tokenFor(seedAdmin, "admin");
    const created = await answer(
      client({ token }).admin.products.$post({
        json: {
          name: `Round trip shirt ${crypto.randomUUID().slice(0, 8)}`,
          price: 3_000,
          options: [{ name: "Size", values: ["S", "M"] }],
          variants: [
            { options: { Size: "S" }, stockQty: 1 },
            { options: { Size: "M" }, stockQty: 2 },
          ],
        },
      }),
    );
    const product = expectStatus(created, 201);
    const restocked = await answer(
      client({ token }).admin.products[":id"].variants[":variantId"].$patch({
        param: { id: product.id, variantId: product.variants[0].id },
        json: { stockQty: 5, stockReason: "delivery" },
      }),
    );
    // Creating is one batch that writes and reads back; a change reads the variant before its batch.
    expect(trips(created.headers).db).toBe(1);
    expect(trips(restocked.headers).db).toBe(2);
  });

  it("serves an anonymous catalog read from the edge cache with no round trip at all", async () => {
    const q = crypto.randomUUID().slice(0, 8);
    const miss = await answer(client().products.$get({ query: { q } }));
    expect(miss.headers.get("x-cache")).toBeNull();
    expect(trips(miss.headers).db).toBe(1);
    const hit = await answer(client().products.$get({ query: { q } }));
    expect(hit.headers.get("x-cache")).toBe("hit");
    // Neither Postgres nor Redis: the catalog version comes from the isolate's memory while recent.
    expect(trips(hit.headers)).toEqual({ db: 0, redis: 0 });
  });
});
