import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
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
    const created = await call("/admin/products", { token, body: shirt() });
    expect(created.status).toBe(201);
    expect(created.body.options).toEqual(shirt().options);
    expect(created.body.variants).toHaveLength(3);
    const [sWhite, mWhite, mBlue] = created.body.variants;
    expect(sWhite).toMatchObject({ title: "S / White", price: 4_500, shippingAmount: 300, actualPrice: 4_800 });
    expect(sWhite.sku).toBe(`${created.body.slug}-S-WHITE`.toUpperCase());
    expect(mWhite).toMatchObject({ title: "M / White", price: 4_900, stockQty: 0, inStock: false });
    expect(mBlue).toMatchObject({ options: { Size: "M", Colour: "Blue" }, actualPrice: 4_300, lowStockThreshold: 2 });
    expect(created.body).toMatchObject({ stockQty: 10, priceRange: { min: 4_300, max: 5_200 } });

    const shown = await call(`/products/${created.body.slug}`);
    expect(shown.body).toMatchObject({ stockQty: 10, inStock: true, priceRange: { min: 4_300, max: 5_200 } });
    expect(shown.body.variants.map((v: any) => v.title)).toEqual(["S / White", "M / White", "M / Blue"]);
    const filtered = await call(`/products?q=${encodeURIComponent(created.body.name)}&option.Colour=Blue`);
    expect(filtered.body.items.map((p: any) => p.id)).toEqual([created.body.id]);
    const none = await call(`/products?q=${encodeURIComponent(created.body.name)}&option.Colour=Red`);
    expect(none.body.items).toEqual([]);
  });

  it("refuses a taken SKU and a repeated combination with 409, and values outside the options with 400", async () => {
    const { token } = await staffMember();
    const created = (await call("/admin/products", { token, body: shirt() })).body;
    const path = `/admin/products/${created.id}/variants`;

    const repeated = await call(path, { token, body: { options: { Size: "S", Colour: "White" }, stockQty: 1 } });
    expectError(repeated, 409, "conflict");
    const takenSku = await call(path, {
      token,
      body: { options: { Size: "S", Colour: "Blue" }, sku: created.variants[0].sku, stockQty: 1 },
    });
    expectError(takenSku, 409, "conflict");
    expect(takenSku.body.error.details).toEqual([expect.objectContaining({ path: "sku" })]);
    for (const options of [
      { Size: "XL", Colour: "White" },
      { Size: "S" },
      { Size: "S", Colour: "Blue", Fit: "Slim" },
    ]) {
      const outside = await call(path, { token, body: { options, stockQty: 1 } });
      expectError(outside, 400, "invalid_request");
      expect(outside.body.error.details[0].path).toBe("options");
    }
    expectError(
      await call("/admin/products", {
        token,
        body: { ...shirt(), variants: [{ options: { Size: "L", Colour: "White" }, stockQty: 1 }] },
      }),
      400,
      "invalid_request",
    );
    // The fourth combination is free, and takes the product's money.
    const added = await call(path, { token, body: { options: { Size: "S", Colour: "Blue" }, stockQty: 2 } });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ title: "S / Blue", price: 4_500, stockQty: 2, active: true });
  });

  it("records each stock change with its reason and who made it, newest first, paged", async () => {
    const member = await staffMember();
    const created = (await call("/admin/products", { token: member.token, body: shirt() })).body;
    const variant = created.variants[0];
    const path = `/admin/products/${created.id}/variants/${variant.id}`;
    const delivered = await call(path, {
      method: "PATCH",
      token: member.token,
      body: { stockQty: 14, stockReason: "delivery from the supplier" },
    });
    expect(delivered.body).toMatchObject({ stockQty: 14 });
    await call(path, { method: "PATCH", token: member.token, body: { stockQty: 13, stockReason: "one damaged" } });
    await call(path, { method: "PATCH", token: member.token, body: { price: 4_700 } });

    const history = await call(`${path}/inventory?limit=2`, { token: member.token });
    expect(history.status).toBe(200);
    expect(history.body.items).toEqual([
      expect.objectContaining({
        delta: -1,
        stockAfter: 13,
        reason: "one damaged",
        actor: expect.objectContaining({ id: member.id }),
      }),
      expect.objectContaining({ delta: 10, stockAfter: 14, reason: "delivery from the supplier" }),
    ]);
    const rest = await call(`${path}/inventory?limit=2&cursor=${history.body.nextCursor}`, { token: member.token });
    expect(rest.body.items).toEqual([expect.objectContaining({ delta: 4, stockAfter: 4, reason: "first stock" })]);
    expect(rest.body.nextCursor).toBeNull();
    expect(await stockOf(variant.id)).toBe(13);

    const shopper = (await createShoppers(1))[0];
    expectError(await call(`${path}/inventory`, { token: shopper.token }), 403, "forbidden");
    expectError(
      await call(`/admin/products/${created.id}/variants/00000000-0000-4000-8000-999999999999/inventory`, {
        token: member.token,
      }),
      404,
      "not_found",
    );
  });

  it("refuses to delete a variant that an order refers to, deletes an unsold one, and a deactivated one leaves the shop", async () => {
    const { token } = await staffMember();
    const created = (await call("/admin/products", { token, body: shirt() })).body;
    const [sWhite, mWhite, mBlue] = created.variants;
    const [buyer] = await createShoppers(1);
    await setVariantLine(buyer.token, mBlue.id, 2);
    const order = await checkoutAs(buyer.token, { shippingAddress: address });
    expect(order.status).toBe(201);
    expect(order.body.items).toEqual([
      expect.objectContaining({ variantId: mBlue.id, variantTitle: "M / Blue", sku: mBlue.sku, quantity: 2 }),
    ]);

    const refused = await call(`/admin/products/${created.id}/variants/${mBlue.id}`, { method: "DELETE", token });
    expectError(refused, 409, "conflict");
    expect(
      (await call(`/admin/products/${created.id}/variants/${mWhite.id}`, { method: "DELETE", token })).status,
    ).toBe(204);
    const deactivated = await call(`/admin/products/${created.id}/variants/${mBlue.id}`, {
      method: "PATCH",
      token,
      body: { active: false },
    });
    expect(deactivated.body.active).toBe(false);
    const shown = (await call(`/products/${created.slug}`)).body;
    expect(shown.variants.map((v: any) => v.id)).toEqual([sWhite.id]);
    expect(shown.stockQty).toBe(4);
    expectError(await setVariantLine(buyer.token, mBlue.id, 1), 404, "not_found");
    // The order keeps what it was sold as.
    const kept = await call(`/orders/${order.body.id}`, { token: buyer.token });
    expect(kept.body.items[0]).toMatchObject({ variantTitle: "M / Blue", sku: mBlue.sku });
  });

  it("changes a one-variant product through the product, and asks for the variant when there are several", async () => {
    const { token } = await staffMember();
    const lamp = (
      await call("/admin/products", {
        token,
        body: { name: `Lamp ${crypto.randomUUID().slice(0, 8)}`, price: 1_000, stockQty: 3 },
      })
    ).body;
    expect(lamp.variants).toEqual([expect.objectContaining({ title: "Default", options: {}, stockQty: 3 })]);
    const changed = await call(`/admin/products/${lamp.id}`, {
      method: "PATCH",
      token,
      body: { price: 1_200, stockQty: 9 },
    });
    expect(changed.body).toMatchObject({ price: 1_200, stockQty: 9 });
    const several = (await call("/admin/products", { token, body: shirt() })).body;
    expectError(
      await call(`/admin/products/${several.id}`, { method: "PATCH", token, body: { stockQty: 9 } }),
      400,
      "variant_required",
    );
  });

  it("gives a product its first option, its variants other values, and names the variant whose SKU is taken", async () => {
    const { token } = await staffMember();
    const lamp = (
      await call("/admin/products", {
        token,
        body: { name: `Lamp ${crypto.randomUUID().slice(0, 8)}`, price: 1_000, stockQty: 3 },
      })
    ).body;
    const [only] = lamp.variants;
    const sizes = [{ name: "Size", values: ["Small", "Large"] }];
    const unfit = await call(`/admin/products/${lamp.id}`, { method: "PATCH", token, body: { options: sizes } });
    expectError(unfit, 400, "invalid_request");
    expect(unfit.body.error.details[0].path).toBe("variants.0.options");
    const sized = await call(`/admin/products/${lamp.id}`, {
      method: "PATCH",
      token,
      body: { options: sizes, variantOptions: { [only.id]: { Size: "Small" } } },
    });
    expect(sized.status).toBe(200);
    expect(sized.body.options).toEqual(sizes);
    expect(sized.body.variants).toEqual([
      expect.objectContaining({ id: only.id, title: "Small", options: { Size: "Small" } }),
    ]);

    const large = await call(`/admin/products/${lamp.id}/variants`, {
      token,
      body: { options: { Size: "Large" }, stockQty: 1 },
    });
    expect(large.status).toBe(201);
    const path = `/admin/products/${lamp.id}/variants/${only.id}`;
    expectError(await call(path, { method: "PATCH", token, body: { options: { Size: "Large" } } }), 409, "conflict");
    expectError(
      await call(path, { method: "PATCH", token, body: { options: { Size: "Huge" } } }),
      400,
      "invalid_request",
    );
    expectError(
      await call(`/admin/products/${lamp.id}`, {
        method: "PATCH",
        token,
        body: { variantOptions: { "00000000-0000-4000-8000-999999999999": { Size: "Small" } } },
      }),
      400,
      "invalid_request",
    );

    const twice = await call("/admin/products", {
      token,
      body: {
        ...shirt(),
        variants: [
          { sku: "SAME-SKU-1", options: { Size: "S", Colour: "White" }, stockQty: 1 },
          { sku: "SAME-SKU-1", options: { Size: "M", Colour: "White" }, stockQty: 1 },
        ],
      },
    });
    expectError(twice, 400, "invalid_request");
    expect(twice.body.error.details[0].path).toBe("variants.1.sku");
    const taken = await call("/admin/products", {
      token,
      body: {
        ...shirt(),
        variants: [
          { options: { Size: "S", Colour: "White" }, stockQty: 1 },
          { sku: lamp.variants[0].sku, options: { Size: "M", Colour: "White" }, stockQty: 1 },
        ],
      },
    });
    expectError(taken, 409, "conflict");
    expect(taken.body.error.details).toEqual([
      { path: "variants.1.sku", message: "another variant has this SKU", value: lamp.variants[0].sku },
    ]);
  });

  it("keeps every stock move in the variant's history, orders' too, so its deltas add up to the stock", async () => {
    const member = await staffMember();
    const created = (await call("/admin/products", { token: member.token, body: shirt() })).body;
    const variant = created.variants[2];
    const [buyer] = await createShoppers(1);
    await setVariantLine(buyer.token, variant.id, 2);
    const order = (await checkoutAs(buyer.token, { shippingAddress: address })).body;
    await call(`/orders/${order.id}/cancel`, { method: "POST", token: buyer.token });
    await call(`/admin/products/${created.id}/variants/${variant.id}`, {
      method: "PATCH",
      token: member.token,
      body: { stockQty: 10, stockReason: "recount" },
    });
    const history = (
      await call(`/admin/products/${created.id}/variants/${variant.id}/inventory`, { token: member.token })
    ).body.items;
    expect(history.map((c: any) => [c.delta, c.stockAfter, c.reason, c.orderId])).toEqual([
      [4, 10, "recount", null],
      [2, 6, "canceled by the shopper", order.id],
      [-2, 4, "checkout", order.id],
      [6, 6, "first stock", null],
    ]);
    expect(history[2].actor).toMatchObject({ id: buyer.id });
    expect(history.reduce((sum: number, c: any) => sum + c.delta, 0)).toBe(await stockOf(variant.id));
  });
});
