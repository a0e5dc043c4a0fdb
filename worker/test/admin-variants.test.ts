import { sql } from "drizzle-orm";
import type { InferResponseType } from "hono/client";
import { describe, expect, it } from "vitest";
import { answer, client, expectStatus } from "../../test/support/client.ts";
import {
  address,
  call,
  checkoutAs,
  createShoppers,
  expectError,
  setVariantLine,
  stockOf,
  tokenFor,
  withServices,
} from "../../test/support/shop.ts";

/** A page of the catalog, as the route declares it (option filters are read beside its declared query). */
type ProductList = InferResponseType<ReturnType<typeof client>["products"]["$get"], 200>;

const staffMember = async () => {
  const [user] = await createShoppers(1);
  await withServices(({ db }) => db.execute(sql`UPDATE users SET role = 'staff' WHERE id = ${user.id}`));
  return { id: user.id, token: await tokenFor(user, "staff") };
};

/** A shirt in two sizes and two colours, three of the four combinations made. */
const shirt = () => ({
  name: `Royal Test Shirt ${crypto.randomUUID().slice(0, 8)}`,
  price: 4_500,
  shippingAmount: 300,
  options: [
    { name: "Size", values: ["S", "M"] },
    { name: "Colour", values: ["White", "Blue"] },
  ],
  variants: [
    { options: { Size: "S", Colour: "White" }, stockQty: 4 },
    { options: { Size: "M", Colour: "White" }, stockQty: 0, price: 4_900 },
    { options: { Size: "M", Colour: "Blue" }, stockQty: 6, discount: 500, lowStockThreshold: 2 },
  ],
});

describe("variants through the admin API", () => {
  it("creates a product with its options and variants in one call; the shop sells them with their own money and stock", async () => {
    const { token } = await staffMember();
    const created = expectStatus(await answer(client({ token }).admin.products.$post({ json: shirt() })), 201);
    expect(created.options).toEqual(shirt().options);
    expect(created.variants).toHaveLength(3);
    const [sWhite, mWhite, mBlue] = created.variants;
    expect(sWhite).toMatchObject({ title: "S / White", price: 4_500, shippingAmount: 300, actualPrice: 4_800 });
    expect(sWhite.sku).toBe(`${created.slug}-S-WHITE`.toUpperCase());
    expect(mWhite).toMatchObject({ title: "M / White", price: 4_900, stockQty: 0, inStock: false });
    expect(mBlue).toMatchObject({ options: { Size: "M", Colour: "Blue" }, actualPrice: 4_300, lowStockThreshold: 2 });
    expect(created).toMatchObject({ stockQty: 10, priceRange: { min: 4_300, max: 5_200 } });

    const shown = expectStatus(
      await answer(client().products[":idOrSlug"].$get({ param: { idOrSlug: created.slug } })),
      200,
    );
    expect(shown).toMatchObject({ stockQty: 10, inStock: true, priceRange: { min: 4_300, max: 5_200 } });
    expect(shown.variants.map((v) => v.title)).toEqual(["S / White", "M / White", "M / Blue"]);
    // Option filters have names of the shop's choosing, outside the route's declared query: raw.
    const filtered = await call<ProductList>(`/products?q=${encodeURIComponent(created.name)}&option.Colour=Blue`);
    expect(filtered.body.items.map((p) => p.id)).toEqual([created.id]);
    const none = await call<ProductList>(`/products?q=${encodeURIComponent(created.name)}&option.Colour=Red`);
    expect(none.body.items).toEqual([]);
  });

  it("refuses a taken SKU and a repeated combination with 409, and values outside the options with 400", async () => {
    const { token } = await staffMember();
    const admin = client({ token }).admin;
    const created = expectStatus(await answer(admin.products.$post({ json: shirt() })), 201);
    const variants = admin.products[":id"].variants;
    const param = { id: created.id };

    const repeated = await answer(
      variants.$post({ param, json: { options: { Size: "S", Colour: "White" }, stockQty: 1 } }),
    );
    expectError(repeated, 409, "conflict");
    const takenSku = await answer(
      variants.$post({
        param,
        json: { options: { Size: "S", Colour: "Blue" }, sku: created.variants[0].sku, stockQty: 1 },
      }),
    );
    expectError(takenSku, 409, "conflict");
    expect(expectStatus(takenSku, 409).error.details).toEqual([expect.objectContaining({ path: "sku" })]);
    const outsides: Record<string, string>[] = [
      { Size: "XL", Colour: "White" },
      { Size: "S" },
      { Size: "S", Colour: "Blue", Fit: "Slim" },
    ];
    for (const options of outsides) {
      const outside = await answer(variants.$post({ param, json: { options, stockQty: 1 } }));
      expectError(outside, 400, "invalid_request");
      expect(expectStatus(outside, 400).error.details).toHaveProperty([0, "path"], "options");
    }
    expectError(
      await answer(
        admin.products.$post({
          json: { ...shirt(), variants: [{ options: { Size: "L", Colour: "White" }, stockQty: 1 }] },
        }),
      ),
      400,
      "invalid_request",
    );
    // The fourth combination is free, and takes the product's money.
    const added = await answer(
      variants.$post({ param, json: { options: { Size: "S", Colour: "Blue" }, stockQty: 2 } }),
    );
    expect(expectStatus(added, 201)).toMatchObject({ title: "S / Blue", price: 4_500, stockQty: 2, active: true });
  });

  it("records each stock change with its reason and who made it, newest first, paged", async () => {
    const member = await staffMember();
    const admin = client({ token: member.token }).admin;
    const created = expectStatus(await answer(admin.products.$post({ json: shirt() })), 201);
    const variant = created.variants[0];
    const param = { id: created.id, variantId: variant.id };
    const one = admin.products[":id"].variants[":variantId"];
    const delivered = await answer(
      one.$patch({ param, json: { stockQty: 14, stockReason: "delivery from the supplier" } }),
    );
    expect(delivered.body).toMatchObject({ stockQty: 14 });
    await answer(one.$patch({ param, json: { stockQty: 13, stockReason: "one damaged" } }));
    await answer(one.$patch({ param, json: { price: 4_700 } }));

    const history = expectStatus(await answer(one.inventory.$get({ param, query: { limit: "2" } })), 200);
    expect(history.items).toEqual([
      expect.objectContaining({
        delta: -1,
        stockAfter: 13,
        reason: "one damaged",
        actor: expect.objectContaining({ id: member.id }),
      }),
      expect.objectContaining({ delta: 10, stockAfter: 14, reason: "delivery from the supplier" }),
    ]);
    const rest = expectStatus(
      await answer(one.inventory.$get({ param, query: { limit: "2", cursor: history.nextCursor ?? undefined } })),
      200,
    );
    expect(rest.items).toEqual([expect.objectContaining({ delta: 4, stockAfter: 4, reason: "first stock" })]);
    expect(rest.nextCursor).toBeNull();
    expect(await stockOf(variant.id)).toBe(13);

    const shopper = (await createShoppers(1))[0];
    expectError(
      await answer(
        client({ token: shopper.token }).admin.products[":id"].variants[":variantId"].inventory.$get({
          param,
          query: {},
        }),
      ),
      403,
      "forbidden",
    );
    expectError(
      await answer(
        one.inventory.$get({
          param: { id: created.id, variantId: "00000000-0000-4000-8000-999999999999" },
          query: {},
        }),
      ),
      404,
      "not_found",
    );
  });

  it("refuses to delete a variant that an order refers to, deletes an unsold one, and a deactivated one leaves the shop", async () => {
    const { token } = await staffMember();
    const admin = client({ token }).admin;
    const created = expectStatus(await answer(admin.products.$post({ json: shirt() })), 201);
    const [sWhite, mWhite, mBlue] = created.variants;
    const [buyer] = await createShoppers(1);
    await setVariantLine(buyer.token, mBlue.id, 2);
    const order = expectStatus(await checkoutAs(buyer.token, { shippingAddress: address }), 201);
    expect(order.items).toEqual([
      expect.objectContaining({ variantId: mBlue.id, variantTitle: "M / Blue", sku: mBlue.sku, quantity: 2 }),
    ]);

    const one = admin.products[":id"].variants[":variantId"];
    const refused = await answer(one.$delete({ param: { id: created.id, variantId: mBlue.id } }));
    expectError(refused, 409, "conflict");
    expect((await answer(one.$delete({ param: { id: created.id, variantId: mWhite.id } }))).status).toBe(204);
    const deactivated = await answer(
      one.$patch({ param: { id: created.id, variantId: mBlue.id }, json: { active: false } }),
    );
    expect(expectStatus(deactivated, 200).active).toBe(false);
    const shown = expectStatus(
      await answer(client().products[":idOrSlug"].$get({ param: { idOrSlug: created.slug } })),
      200,
    );
    expect(shown.variants.map((v) => v.id)).toEqual([sWhite.id]);
    expect(shown.stockQty).toBe(4);
    expectError(await setVariantLine(buyer.token, mBlue.id, 1), 404, "not_found");
    // The order keeps what it was sold as.
    const kept = expectStatus(
      await answer(client({ token: buyer.token }).orders[":id"].$get({ param: { id: order.id } })),
      200,
    );
    expect(kept.items[0]).toMatchObject({ variantTitle: "M / Blue", sku: mBlue.sku });
  });

  it("changes a one-variant product through the product, and asks for the variant when there are several", async () => {
    const { token } = await staffMember();
    const admin = client({ token }).admin;
    const lamp = expectStatus(
      await answer(
        admin.products.$post({ json: { name: `Lamp ${crypto.randomUUID().slice(0, 8)}`, price: 1_000, stockQty: 3 } }),
      ),
      201,
    );
    expect(lamp.variants).toEqual([expect.objectContaining({ title: "Default", options: {}, stockQty: 3 })]);
    const changed = await answer(
      admin.products[":id"].$patch({ param: { id: lamp.id }, json: { price: 1_200, stockQty: 9 } }),
    );
    expect(changed.body).toMatchObject({ price: 1_200, stockQty: 9 });
    const several = expectStatus(await answer(admin.products.$post({ json: shirt() })), 201);
    expectError(
      await answer(admin.products[":id"].$patch({ param: { id: several.id }, json: { stockQty: 9 } })),
      400,
      "variant_required",
    );
  });

  it("gives a product its first option, its variants other values, and names the variant whose SKU is taken", async () => {
    const { token } = await staffMember();
    const admin = client({ token }).admin;
    const lamp = expectStatus(
      await answer(
        admin.products.$post({ json: { name: `Lamp ${crypto.randomUUID().slice(0, 8)}`, price: 1_000, stockQty: 3 } }),
      ),
      201,
    );
    const [only] = lamp.variants;
    const sizes = [{ name: "Size", values: ["Small", "Large"] }];
    const product = admin.products[":id"];
    const unfit = await answer(product.$patch({ param: { id: lamp.id }, json: { options: sizes } }));
    expectError(unfit, 400, "invalid_request");
    expect(expectStatus(unfit, 400).error.details).toHaveProperty([0, "path"], "variants.0.options");
    const sized = expectStatus(
      await answer(
        product.$patch({
          param: { id: lamp.id },
          json: { options: sizes, variantOptions: { [only.id]: { Size: "Small" } } },
        }),
      ),
      200,
    );
    expect(sized.options).toEqual(sizes);
    expect(sized.variants).toEqual([
      expect.objectContaining({ id: only.id, title: "Small", options: { Size: "Small" } }),
    ]);

    const large = await answer(
      product.variants.$post({ param: { id: lamp.id }, json: { options: { Size: "Large" }, stockQty: 1 } }),
    );
    expect(large.status).toBe(201);
    const one = product.variants[":variantId"];
    const param = { id: lamp.id, variantId: only.id };
    expectError(await answer(one.$patch({ param, json: { options: { Size: "Large" } } })), 409, "conflict");
    expectError(await answer(one.$patch({ param, json: { options: { Size: "Huge" } } })), 400, "invalid_request");
    expectError(
      await answer(
        product.$patch({
          param: { id: lamp.id },
          json: { variantOptions: { "00000000-0000-4000-8000-999999999999": { Size: "Small" } } },
        }),
      ),
      400,
      "invalid_request",
    );

    const twice = await answer(
      admin.products.$post({
        json: {
          ...shirt(),
          variants: [
            { sku: "SAME-SKU-1", options: { Size: "S", Colour: "White" }, stockQty: 1 },
            { sku: "SAME-SKU-1", options: { Size: "M", Colour: "White" }, stockQty: 1 },
          ],
        },
      }),
    );
    expectError(twice, 400, "invalid_request");
    expect(expectStatus(twice, 400).error.details).toHaveProperty([0, "path"], "variants.1.sku");
    const taken = await answer(
      admin.products.$post({
        json: {
          ...shirt(),
          variants: [
            { options: { Size: "S", Colour: "White" }, stockQty: 1 },
            { sku: lamp.variants[0].sku, options: { Size: "M", Colour: "White" }, stockQty: 1 },
          ],
        },
      }),
    );
    expectError(taken, 409, "conflict");
    expect(expectStatus(taken, 409).error.details).toEqual([
      { path: "variants.1.sku", message: "another variant has this SKU", value: lamp.variants[0].sku },
    ]);
  });

  it("keeps every stock move in the variant's history, orders' too, so its deltas add up to the stock", async () => {
    const member = await staffMember();
    const admin = client({ token: member.token }).admin;
    const created = expectStatus(await answer(admin.products.$post({ json: shirt() })), 201);
    const variant = created.variants[2];
    const [buyer] = await createShoppers(1);
    await setVariantLine(buyer.token, variant.id, 2);
    const order = expectStatus(await checkoutAs(buyer.token, { shippingAddress: address }), 201);
    await answer(client({ token: buyer.token }).orders[":id"].cancel.$post({ param: { id: order.id } }));
    const one = admin.products[":id"].variants[":variantId"];
    const param = { id: created.id, variantId: variant.id };
    await answer(one.$patch({ param, json: { stockQty: 10, stockReason: "recount" } }));
    const history = expectStatus(await answer(one.inventory.$get({ param, query: {} })), 200).items;
    expect(history.map((c) => [c.delta, c.stockAfter, c.reason, c.orderId])).toEqual([
      [4, 10, "recount", null],
      [2, 6, "canceled by the shopper", order.id],
      [-2, 4, "checkout", order.id],
      [6, 6, "first stock", null],
    ]);
    expect(history[2].actor).toMatchObject({ id: buyer.id });
    expect(history.reduce((sum, c) => sum + c.delta, 0)).toBe(await stockOf(variant.id));
  });
});
