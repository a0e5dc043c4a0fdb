import { assert, describe, expect, it } from "vitest";
import { answer, client, expectStatus } from "../../test/support/client.ts";
import { expectError, seedAdmin, tokenFor } from "../../test/support/shop.ts";
import { catalogCsvColumns } from "../schemas/catalog-csv-columns.ts";

const header = catalogCsvColumns.join(",");
const file = (...lines: string[]) => [header, ...lines].join("\n");
const admin = async () => client({ token: await tokenFor(seedAdmin, "admin") }).admin;
const importing = async (csv: string, dryRun = false) =>
  answer((await admin()).products.import.$post({ json: { csv, dryRun } }));
const adminView = async (slug: string) => {
  const found = await answer((await admin()).products.$get({ query: { q: slug, limit: "5" } }));
  return expectStatus(found, 200).items.find((p) => p.slug === slug);
};

describe("catalog CSV import", () => {
  it("creates products with their options and variants from a file, after a dry run that writes nothing", async () => {
    const tag = crypto.randomUUID().slice(0, 8);
    const csv = file(
      // slug,name,description,category,brand,active,sku,options,price,oldPrice,discount,shippingAmount,stockQty,lowStockThreshold,variantActive
      `tee-${tag},Import Tee ${tag},"Soft, cotton",fashion,royal,true,TEE-${tag}-S,Size=S,19.90,,,3.50,5,2,`,
      `tee-${tag},,,,,,TEE-${tag}-M,Size=M,21,,1.00,3.50,0,,`,
      `cup-${tag},Import Cup ${tag},,,,,CUP-${tag},,9.5,,,,12,,`,
    );
    const planned = await importing(csv, true);
    expect(planned.status).toBe(200);
    expect(planned.body).toEqual({
      dryRun: true,
      lines: 3,
      products: { created: 2, updated: 0 },
      variants: { created: 3, updated: 0 },
    });
    expect(await adminView(`tee-${tag}`)).toBeUndefined();

    const done = await importing(csv);
    expect(done.body).toMatchObject({ dryRun: false, products: { created: 2 }, variants: { created: 3 } });
    const tee = await adminView(`tee-${tag}`);
    expect(tee).toMatchObject({
      name: `Import Tee ${tag}`,
      description: "Soft, cotton",
      options: [{ name: "Size", values: ["S", "M"] }],
      stockQty: 5,
    });
    expect(tee?.variants).toEqual([
      expect.objectContaining({
        sku: `TEE-${tag}-S`,
        price: 1_990,
        shippingAmount: 350,
        stockQty: 5,
        lowStockThreshold: 2,
      }),
      expect.objectContaining({ sku: `TEE-${tag}-M`, price: 2_100, discount: 100, actualPrice: 2_100 + 350 - 100 }),
    ]);
    const cup = await adminView(`cup-${tag}`);
    expect(cup?.variants).toEqual([expect.objectContaining({ sku: `CUP-${tag}`, title: "Default", price: 950 })]);
    expect((await answer(client().products[":idOrSlug"].$get({ param: { idOrSlug: `cup-${tag}` } }))).status).toBe(200);
  });

  it("updates known products and variants by slug and SKU, adds new option values, and records stock changes", async () => {
    const tag = crypto.randomUUID().slice(0, 8);
    await importing(file(`hat-${tag},Import Hat ${tag},,,,,HAT-${tag}-S,Size=S,10,,,,4,,`));
    const changed = await importing(
      file(
        `hat-${tag},Import Hat Deluxe ${tag},,,,,HAT-${tag}-S,Size=S,12.00,,,,9,,`,
        `hat-${tag},,,,,,HAT-${tag}-XL,Size=XL,14,,,,1,,`,
      ),
    );
    expect(changed.body).toMatchObject({ products: { created: 0, updated: 1 }, variants: { created: 1, updated: 1 } });
    const hat = await adminView(`hat-${tag}`);
    expect(hat).toMatchObject({ name: `Import Hat Deluxe ${tag}`, options: [{ name: "Size", values: ["S", "XL"] }] });
    assert(hat, `hat-${tag} in the admin view`);
    expect(hat.variants.map((v) => [v.sku, v.price, v.stockQty])).toEqual([
      [`HAT-${tag}-S`, 1_200, 9],
      [`HAT-${tag}-XL`, 1_400, 1],
    ]);
    const history = await answer(
      (await admin()).products[":id"].variants[":variantId"].inventory.$get({
        param: { id: hat.id, variantId: hat.variants[0].id },
        query: {},
      }),
    );
    expect(expectStatus(history, 200).items.map((c) => [c.delta, c.reason])).toEqual([
      [5, "CSV import"],
      [4, "first stock"],
    ]);
  });

  it("refuses a file with any bad line whole, naming every error by line and column", async () => {
    const tag = crypto.randomUUID().slice(0, 8);
    const result = await importing(
      file(
        `good-${tag},Good ${tag},,,,,GOOD-${tag},,10,,,,1,,`,
        `bad-${tag},Bad ${tag},,,,,BAD-${tag},,ten,,,,1,,`,
        `lost-${tag},Lost ${tag},,no-such-category,,,LOST-${tag},,10,,,,1,,`,
        `twin-${tag},Twin ${tag},,,,,GOOD-${tag},,10,,,,1,,`,
        `nameless-${tag},,,,,,NAMELESS-${tag},,10,,,,1,,`,
        `cheap-${tag},Cheap ${tag},,,,,CHEAP-${tag},,1,,2,,1,,`,
        `seeded-${tag},Seeded ${tag},,,,,NOVA-X1-PHONE,,10,,,,1,,`,
      ),
    );
    expectError(result, 400, "invalid_request");
    expect(expectStatus(result, 400).error.details).toEqual([
      { line: 3, column: "price", message: "an amount such as 49.90" },
      { line: 4, column: "category", message: "no such category" },
      { line: 5, column: "sku", message: "also on line 2" },
      { line: 6, column: "name", message: "a new product needs a name" },
      { line: 7, column: "discount", message: "above the price" },
      { line: 8, column: "sku", message: "the SKU of another product (nova-x1-phone)" },
    ]);
    expect(await adminView(`good-${tag}`)).toBeUndefined();
  });

  it("refuses a file without the catalog's header, and an empty one", async () => {
    const missing = await importing("slug,name\nx,y");
    expectError(missing, 400, "invalid_request");
    expect(expectStatus(missing, 400).error.details).toHaveProperty(
      [0],
      expect.objectContaining({ line: 1, column: null }),
    );
    expectError(await importing(header), 400, "invalid_request");
  });
});
