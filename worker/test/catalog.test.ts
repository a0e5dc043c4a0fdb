import type { InferRequestType, InferResponseType } from "hono/client";
import { assert, describe, expect, it } from "vitest";
import { seedBrands, seedCategories, seedProducts } from "../../db/seed-data.ts";
import { answer, client, expectStatus } from "../../test/support/client.ts";
import { api, type ErrorBody, expectError } from "../../test/support/shop.ts";

type ProductQuery = InferRequestType<ReturnType<typeof client>["products"]["$get"]>["query"];
/** A page of the catalog, as the route declares it (option filters are read beside its declared query). */
type ProductList = InferResponseType<ReturnType<typeof client>["products"]["$get"], 200>;

const actualPrice = (p: (typeof seedProducts)[number]) => p.price + p.shippingAmount - p.discount;
const seedIds = new Set(seedProducts.map((p) => p.id));

/**
 * Pages through a listing. Other test files add products of their own to the same database while
 * this one runs, so assertions look at the seeded products within the walk (order preserved).
 */
async function allPages(query: ProductQuery = {}, limit = 7) {
  const items: ProductList["items"] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const body: ProductList = expectStatus(
      await answer(client().products.$get({ query: { ...query, limit: String(limit), cursor: cursor ?? undefined } })),
      200,
    );
    items.push(...body.items);
    cursor = body.nextCursor;
    pages += 1;
  } while (cursor && pages < 200);
  expect(new Set(items.map((p) => p.id)).size).toBe(items.length);
  return items.filter((p) => seedIds.has(p.id));
}

describe("GET /products", () => {
  it("lists seeded products with the contract's fields, 20 by default", async () => {
    const body = expectStatus(await answer(client().products.$get({ query: {} })), 200);
    expect(body.items).toHaveLength(20);
    expect(body.nextCursor).toEqual(expect.any(String));
    const phone = seedProducts.find((p) => p.slug === "nova-x1-phone");
    const all = await allPages();
    expect(all.find((p) => p.slug === "nova-x1-phone")).toEqual({
      id: phone?.id,
      slug: "nova-x1-phone",
      name: "Nova X1 Phone",
      price: 69900,
      oldPrice: phone?.oldPrice,
      shippingAmount: 0,
      discount: 5000,
      actualPrice: 64900,
      currency: "USD",
      stockQty: 25,
      inStock: true,
      rating: { average: 0, count: 0 },
      imageUrl: "/demo/phone-1.svg",
      priceRange: { min: 64900, max: 64900 },
      options: [],
      variants: [
        {
          id: phone?.variants[0].id,
          sku: "NOVA-X1-PHONE",
          title: "Default",
          options: {},
          price: 69900,
          oldPrice: 69900,
          discount: 5000,
          shippingAmount: 0,
          actualPrice: 64900,
          stockQty: 25,
          inStock: true,
          active: true,
        },
      ],
    });
  });

  it("walks every product exactly once across pages, newest first", async () => {
    const items = await allPages({ sort: "newest" });
    expect(items.map((p) => p.id)).toEqual(
      [...seedProducts].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()).map((p) => p.id),
    );
  });

  it("sorts by actual price both ways, ties broken by id", async () => {
    const ascending = await allPages({ sort: "price_asc" });
    const prices = ascending.map((p) => p.actualPrice);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    expect(ascending).toHaveLength(seedProducts.length);
    const descending = await allPages({ sort: "price_desc" });
    expect(descending.map((p) => p.id)).toEqual([...ascending].reverse().map((p) => p.id));
  });

  it("bounds the actual price inclusively", async () => {
    const items = await allPages({ minPrice: "4200", maxPrice: "29900" });
    const expected = seedProducts.filter((p) => actualPrice(p) >= 4200 && actualPrice(p) <= 29900);
    expect(items.map((p) => p.slug).sort()).toEqual(expected.map((p) => p.slug).sort());
    expect(items.some((p) => p.actualPrice === 4200)).toBe(true);
  });

  it("filters by a category including its sub-categories, and by brand", async () => {
    const electronics = await allPages({ category: "electronics" });
    expect(electronics).toHaveLength(13);
    const phones = await allPages({ category: "phones" });
    expect(phones.map((p) => p.slug).sort()).toEqual([
      "atlas-rugged-phone",
      "aurora-mini-phone",
      "nova-x1-phone",
      "nova-x1-pro-phone",
    ]);
    const nova = await allPages({ brand: "nova" });
    expect(nova).toHaveLength(seedProducts.filter((p) => p.brandId === "00000000-0000-4000-8000-000200000002").length);
    expect(await allPages({ category: "no-such-category" })).toEqual([]);
  });

  it("filters by stock", async () => {
    const out = await allPages({ inStock: "false" });
    expect(out.map((p) => p.slug)).toEqual(["atlas-trail-watch"]);
    expect(out[0].inStock).toBe(false);
    expect(await allPages({ inStock: "true" })).toHaveLength(seedProducts.length - 1);
  });

  it("searches names and descriptions with full-text search", async () => {
    const laptops = await allPages({ q: "laptop" });
    expect(laptops.map((p) => p.slug).sort()).toEqual([
      "atlas-gaming-laptop",
      "royal-book-14-laptop",
      "royal-book-16-laptop",
      "zephyr-air-laptop",
    ]);
    const byDescription = await allPages({ q: "waterproof" });
    expect(byDescription.map((p) => p.slug).sort()).toEqual(["atlas-rugged-phone", "zephyr-rain-jacket"]);
  });

  it.each([
    ["limit=0", "limit"],
    ["limit=101", "limit"],
    ["limit=ten", "limit"],
    ["minPrice=-1", "minPrice"],
    ["maxPrice=1.5", "maxPrice"],
    ["sort=cheapest", "sort"],
    ["inStock=maybe", "inStock"],
  ])("rejects %s with 400 invalid_request", async (query, field) => {
    // Raw query strings, some with values the declared parameters' types forbid (sort=cheapest).
    const result = await api<ErrorBody>(`/products?${query}`);
    expectError(result, 400, "invalid_request");
    expect(result.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: field })]));
  });

  it("rejects a price range whose minimum is above its maximum", async () => {
    expectError(
      await answer(client().products.$get({ query: { minPrice: "500", maxPrice: "100" } })),
      400,
      "invalid_request",
    );
  });

  it("rejects malformed cursors and cursors of another sort", async () => {
    const products = client().products;
    expectError(await answer(products.$get({ query: { cursor: "not-a-cursor" } })), 400, "invalid_request");
    expectError(
      await answer(products.$get({ query: { cursor: btoa(JSON.stringify(["x'; DROP TABLE products", "1"])) } })),
      400,
      "invalid_request",
    );
    const newest = expectStatus(await answer(products.$get({ query: { sort: "newest", limit: "2" } })), 200);
    expectError(
      await answer(products.$get({ query: { sort: "price_asc", cursor: newest.nextCursor ?? undefined } })),
      400,
      "invalid_request",
    );
  });
});

describe("search that forgives", () => {
  const laptops = ["atlas-gaming-laptop", "royal-book-14-laptop", "royal-book-16-laptop", "zephyr-air-laptop"];
  const search = async (q: string) =>
    expectStatus(await answer(client().products.$get({ query: { q, limit: "100" } })), 200).items;

  it.each([
    ["lapt", "half a word"],
    ["latpop", "a typo"],
    ["Laptop", "capitals"],
  ])("finds the laptops first for %s (%s)", async (q) => {
    const found = await search(q);
    expect(
      found
        .slice(0, 4)
        .map((p) => p.slug)
        .sort(),
    ).toEqual(laptops);
  });

  it("ranks the product that has every word first, and keeps a word's exact matches over near ones", async () => {
    expect((await search("oxford shirt"))[0].slug).toBe("royal-oxford-shirt");
    expect((await search("oxfrd shirt"))[0].slug).toBe("royal-oxford-shirt");
    // "waterproof" is a word two products have: watches (a near spelling of "water") are not offered.
    expect(
      (await search("waterproof"))
        .map((p) => p.slug)
        .filter((slug) => seedProducts.some((p) => p.slug === slug))
        .sort(),
    ).toEqual(["atlas-rugged-phone", "zephyr-rain-jacket"]);
    expect(await search("qqqqzzzz")).toEqual([]);
  });

  it("refuses a one-letter search with 400 rather than scanning the catalog", async () => {
    for (const q of ["a", " a ", ""]) {
      const result = await answer(client().products.$get({ query: { q } }));
      expectError(result, 400, "invalid_request");
      expect(expectStatus(result, 400).error.details).toEqual([expect.objectContaining({ path: "q" })]);
    }
    expectError(await answer(client().products.suggest.$get({ query: { q: "a" } })), 400, "invalid_request");
  });

  it("pages a search by relevance with a cursor, each product once, and refuses relevance without a search", async () => {
    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const page: ProductList = expectStatus(
        await answer(client().products.$get({ query: { q: "royal", limit: "2", cursor: cursor ?? undefined } })),
        200,
      );
      walked.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor;
    } while (cursor && walked.length < 500);
    expect(new Set(walked).size).toBe(walked.length);
    const everything = (await search("royal")).map((p) => p.id);
    expect(walked).toEqual(everything);
    expectError(await answer(client().products.$get({ query: { sort: "relevance" } })), 400, "invalid_request");
  });

  it("suggests at most 8 names for a search box, typos forgiven, cacheable at the edge", async () => {
    const suggest = client().products.suggest;
    const typed = expectStatus(await answer(suggest.$get({ query: { q: "latpop" } })), 200);
    expect(
      typed.items
        .slice(0, 4)
        .map((p) => p.slug)
        .sort(),
    ).toEqual(laptops);
    // With the first picture, for the search box to show beside the name.
    expect(typed.items[0]).toEqual({
      id: expect.any(String),
      slug: expect.any(String),
      name: expect.any(String),
      imageUrl: expect.stringMatching(/^\/demo\/.+\.svg$/),
    });
    const wide = expectStatus(await answer(suggest.$get({ query: { q: "ro" } })), 200);
    expect(wide.items.length).toBeGreaterThan(0);
    expect(wide.items.length).toBeLessThanOrEqual(8);
    const response = await answer(suggest.$get({ query: { q: "royal" } }));
    expect(response.headers.get("cache-control")).toContain("s-maxage=");
  });
});

describe("option filters", () => {
  // Option filters have names of the shop's choosing, outside the route's declared query: raw query strings.
  const slugsOf = async (query: string) =>
    (await api<ProductList>(`/products?${query}&limit=100`)).body.items
      .map((p) => p.slug)
      .filter((slug) => seedProducts.some((p) => p.slug === slug))
      .sort();

  it("keeps products with an active variant of each option value asked, combined with other filters", async () => {
    expect(await slugsOf("option.Size=XL")).toEqual(["royal-oxford-shirt", "zephyr-rain-jacket"]);
    expect(await slugsOf("option.Colour=Olive&option.Size=M")).toEqual(["aurora-linen-shirt"]);
    expect(await slugsOf("option.Size=M&brand=royal")).toEqual(["royal-oxford-shirt"]);
    expect(await slugsOf("option.Size=44%20mm")).toEqual(["nova-watch-2"]);
    expect(await slugsOf("option.Size=XXXL")).toEqual([]);
  });

  it("refuses more than three option filters and empty or overlong values with 400", async () => {
    expectError(await api("/products?option.A=1&option.B=2&option.C=3&option.D=4"), 400, "invalid_request");
    expectError(await api("/products?option.Size="), 400, "invalid_request");
    expectError(await api(`/products?option.Size=${"x".repeat(61)}`), 400, "invalid_request");
  });
});

describe("GET /products/{idOrSlug}", () => {
  it("returns the product with gallery, features, category and brand, by slug and by id", async () => {
    const product = client().products[":idOrSlug"];
    const bySlug = expectStatus(await answer(product.$get({ param: { idOrSlug: "royal-book-14-laptop" } })), 200);
    expect(bySlug).toMatchObject({
      slug: "royal-book-14-laptop",
      actualPrice: 119900,
      category: { slug: "laptops", name: "Laptops" },
      brand: { slug: "royal", name: "Royal" },
      features: [
        { name: "CPU", value: "8 cores" },
        { name: "Memory", value: "16 GB" },
        { name: "Weight", value: "1.2 kg" },
      ],
    });
    expect(bySlug.gallery).toHaveLength(3);
    expect(bySlug.gallery[0]).toEqual({ url: "/demo/laptop-1.svg", alt: "Royal Book 14 Laptop, view 1" });

    const byId = await answer(product.$get({ param: { idOrSlug: bySlug.id } }));
    expect(byId.body).toEqual(bySlug);
  });

  it("answers 404 not_found for an unknown slug or id", async () => {
    const product = client().products[":idOrSlug"];
    expectError(await answer(product.$get({ param: { idOrSlug: "no-such-product" } })), 404, "not_found");
    expectError(
      await answer(product.$get({ param: { idOrSlug: "00000000-0000-4000-8000-999999999999" } })),
      404,
      "not_found",
    );
  });
});

describe("GET /categories and /brands", () => {
  it("lists categories with their parents", async () => {
    const body = expectStatus(await answer(client().categories.$get()), 200);
    expect(body.items.filter((c) => seedCategories.some((s) => s.id === c.id))).toHaveLength(9);
    const phones = body.items.find((c) => c.slug === "phones");
    const electronics = body.items.find((c) => c.slug === "electronics");
    assert(phones && electronics, "the seeded phones and electronics categories");
    expect(phones.parentId).toBe(electronics.id);
    expect(electronics.parentId).toBeNull();
  });

  it("lists brands", async () => {
    const body = expectStatus(await answer(client().brands.$get()), 200);
    const seeded = body.items.filter((b) => seedBrands.some((s) => s.id === b.id));
    expect(seeded.map((b) => b.slug).sort()).toEqual(["atlas", "aurora", "nova", "royal", "zephyr"]);
  });
});
