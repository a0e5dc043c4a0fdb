import { describe, expect, it } from "vitest";
import { answer, client, expectStatus } from "../../test/support/client.ts";
import {
  address,
  call,
  checkoutAs,
  createProduct,
  createShoppers,
  createSizedProduct,
  expectError,
  setLine,
  setVariantLine,
} from "../../test/support/shop.ts";

describe("the cart", () => {
  it("prices lines from the product's current price, discount and shipping, and bumps its version", async () => {
    const [shopper] = await createShoppers(1);
    const a = await createProduct({ stock: 10, price: 2_500, discount: 300, shipping: 150 });
    const b = await createProduct({ stock: 10, price: 999 });
    const empty = await answer(client({ token: shopper.token }).cart.$get());
    expect(empty.body).toEqual({
      items: [],
      subtotal: 0,
      shipping: 0,
      itemCount: 0,
      currency: "USD",
      version: 0,
      discount: 0,
      promotions: [],
      code: null,
      freeShipping: null,
      promotionsChangeAt: null,
    });

    await setLine(shopper.token, a.id, 3);
    const cart = expectStatus(await setLine(shopper.token, b.id, 2), 200);
    expect(cart.items).toEqual([
      expect.objectContaining({ productId: a.id, quantity: 3, unitPrice: 2_200, lineTotal: 6_600 }),
      expect.objectContaining({ productId: b.id, quantity: 2, unitPrice: 999, lineTotal: 1_998 }),
    ]);
    expect(cart).toMatchObject({ subtotal: 8_598, shipping: 450, itemCount: 5, version: 2 });

    const removed = expectStatus(await setLine(shopper.token, a.id, 0), 200);
    expect(removed.items.map((i) => i.productId)).toEqual([b.id]);
    expect(removed.version).toBe(3);
    const deleted = await answer(
      client({ token: shopper.token }).cart.items[":productId"].$delete({ param: { productId: b.id } }),
    );
    expect(deleted.body).toMatchObject({ items: [], version: 4 });
  });

  it("refuses more than the stock with 409 insufficient_stock and the available quantity", async () => {
    const [shopper] = await createShoppers(1);
    const product = await createProduct({ stock: 4 });
    const result = await setLine(shopper.token, product.id, 5);
    expectError(result, 409, "insufficient_stock");
    expect(expectStatus(result, 409).error.details).toEqual({
      productId: product.id,
      variantId: product.variantId,
      available: 4,
    });
  });

  it("says how many of each line can be bought now, so a line another shopper's checkout left above the stock shows", async () => {
    const [shopper, other] = await createShoppers(2);
    const product = await createProduct({ stock: 5 });
    const mine = expectStatus(await setLine(shopper.token, product.id, 3), 200);
    expect(mine.items).toEqual([expect.objectContaining({ quantity: 3, available: 5 })]);

    await setLine(other.token, product.id, 4);
    const order = await checkoutAs(other.token, { shippingAddress: address });
    expect(order.status).toBe(201);
    const after = expectStatus(await answer(client({ token: shopper.token }).cart.$get()), 200);
    expect(after.items).toEqual([expect.objectContaining({ quantity: 3, available: 1 })]);
    const refused = await checkoutAs(shopper.token, { shippingAddress: address });
    expectError(refused, 409, "insufficient_stock");
    const details = expectStatus(refused, 409).error.details;
    const lines =
      typeof details === "object" && details !== null && !Array.isArray(details) ? details.items : undefined;
    expect(lines).toEqual([expect.objectContaining({ variantId: product.variantId, requested: 3, available: 1 })]);
  });

  it("keeps two variants of one product as two lines, each with its title and SKU", async () => {
    const [shopper] = await createShoppers(1);
    const shirt = await createSizedProduct({ S: 5, M: 1 });
    await setVariantLine(shopper.token, shirt.variants.S, 2);
    const cart = expectStatus(await setVariantLine(shopper.token, shirt.variants.M, 1), 200);
    expect(cart.items).toEqual([
      expect.objectContaining({ productId: shirt.id, variantId: shirt.variants.S, variantTitle: "S", quantity: 2 }),
      expect.objectContaining({ productId: shirt.id, variantId: shirt.variants.M, variantTitle: "M", quantity: 1 }),
    ]);
    expect(cart.items[0].sku).toBe(`${shirt.slug}-S`);
    expect(cart).toMatchObject({ itemCount: 3, subtotal: 12_000, version: 2 });

    const refused = await setVariantLine(shopper.token, shirt.variants.M, 2);
    expectError(refused, 409, "insufficient_stock");
    expect(expectStatus(refused, 409).error.details).toEqual({
      productId: shirt.id,
      variantId: shirt.variants.M,
      available: 1,
    });

    const removed = expectStatus(
      await answer(
        client({ token: shopper.token }).cart.variants[":variantId"].$delete({
          param: { variantId: shirt.variants.S },
        }),
      ),
      200,
    );
    expect(removed.items.map((i) => i.variantId)).toEqual([shirt.variants.M]);
    expect(removed.version).toBe(3);
  });

  it("asks which variant when a product with several is addressed by product, and takes the only one otherwise", async () => {
    const [shopper] = await createShoppers(1);
    const shirt = await createSizedProduct({ S: 5, M: 5 });
    const ambiguous = await setLine(shopper.token, shirt.id, 1);
    expectError(ambiguous, 400, "variant_required");
    const asShopper = client({ token: shopper.token });
    expect(expectStatus(await answer(asShopper.cart.$get()), 200).items).toEqual([]);
    expectError(
      await answer(asShopper.cart.items[":productId"].$delete({ param: { productId: shirt.id } })),
      400,
      "variant_required",
    );

    const single = await createProduct({ stock: 5 });
    const cart = expectStatus(await setLine(shopper.token, single.id, 1), 200);
    expect(cart.items).toEqual([expect.objectContaining({ productId: single.id, variantId: single.variantId })]);
    expectError(await setVariantLine(shopper.token, "00000000-0000-4000-8000-999999999999", 1), 404, "not_found");
  });

  it("refuses unknown and inactive products with 404, and bad quantities with 400", async () => {
    const [shopper] = await createShoppers(1);
    const inactive = await createProduct({ stock: 5, active: false });
    expectError(await setLine(shopper.token, inactive.id, 1), 404, "not_found");
    expectError(await setLine(shopper.token, "00000000-0000-4000-8000-999999999999", 1), 404, "not_found");
    const product = await createProduct({ stock: 5 });
    // Quantities the contract refuses, sent raw: "2" is no number at all, which the typed client cannot send.
    for (const quantity of [-1, 1.5, "2", 1000]) {
      expectError(
        await call(`/cart/items/${product.id}`, { method: "PUT", body: { quantity }, token: shopper.token }),
        400,
        "invalid_request",
      );
    }
    expectError(await setLine(shopper.token, "not-a-uuid", 1), 400, "invalid_request");
  });

  it("belongs to its owner: another shopper sees their own cart, anonymous callers get 401", async () => {
    const [alice, bob] = await createShoppers(2);
    const product = await createProduct({ stock: 5 });
    await setLine(alice.token, product.id, 2);
    expect(expectStatus(await answer(client({ token: bob.token }).cart.$get()), 200).items).toEqual([]);
    const anonymous = client();
    expectError(await answer(anonymous.cart.$get()), 401, "unauthenticated");
    expectError(
      await answer(
        anonymous.cart.items[":productId"].$put({ param: { productId: product.id }, json: { quantity: 1 } }),
      ),
      401,
      "unauthenticated",
    );
  });

  it("merges a guest cart: quantities add up, capped at stock; unknown and inactive products dropped with notices", async () => {
    const [shopper] = await createShoppers(1);
    const plenty = await createProduct({ stock: 10 });
    const scarce = await createProduct({ stock: 3 });
    const inactive = await createProduct({ stock: 3, active: false });
    const shirt = await createSizedProduct({ S: 4, M: 4 });
    await setLine(shopper.token, plenty.id, 2);
    const merge = await answer(
      client({ token: shopper.token }).cart.merge.$post({
        json: {
          items: [
            { productId: plenty.id, quantity: 3 },
            { productId: scarce.id, quantity: 5 },
            { productId: inactive.id, quantity: 1 },
            { productId: "00000000-0000-4000-8000-999999999999", quantity: 1 },
            { productId: shirt.id, variantId: shirt.variants.M, quantity: 2 },
            { productId: shirt.id, quantity: 1 },
          ],
        },
      }),
    );
    const merged = expectStatus(merge, 200);
    expect(Object.fromEntries(merged.items.map((i) => [i.variantId, i.quantity]))).toEqual({
      [plenty.variantId]: 5,
      [scarce.variantId]: 3,
      [shirt.variants.M]: 2,
    });
    expect(merged.notices).toHaveLength(4);
    expect(merged.notices).toEqual(
      expect.arrayContaining([
        { productId: scarce.id, variantId: scarce.variantId, reason: "capped", available: 3 },
        { productId: inactive.id, variantId: inactive.variantId, reason: "unavailable" },
        { productId: "00000000-0000-4000-8000-999999999999", reason: "unavailable" },
        { productId: shirt.id, reason: "variant_required" },
      ]),
    );
  });

  it("clears", async () => {
    const [shopper] = await createShoppers(1);
    await setLine(shopper.token, (await createProduct({ stock: 5 })).id, 1);
    expect(expectStatus(await answer(client({ token: shopper.token }).cart.$delete()), 200).items).toEqual([]);
  });
});
