import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { answer, client, expectStatus } from "../../test/support/client.ts";
import {
  address,
  checkoutAs,
  createProduct,
  createShoppers,
  defineCoupon,
  expectError,
  grant,
  setLine,
  stockOf,
  withServices,
} from "../../test/support/shop.ts";
import { maxLineQuantity, maxOrderAmount, maxPendingOrders } from "../domain/limits.ts";
import { pgError } from "../lib/pg-errors.ts";

/** What one shopper can hold: lines, unpaid orders, and amounts that fit their columns. */
describe("a cart line's cap", () => {
  it("holds on a merge: 100 lines of 999 of one variant make one line of 999, however often merged", async () => {
    const [shopper] = await createShoppers(1);
    const product = await createProduct({ stock: 1_000_000 });
    const items = Array.from({ length: 100 }, () => ({ productId: product.id, quantity: maxLineQuantity }));
    for (let i = 0; i < 3; i++) {
      const merged = expectStatus(
        await answer(client({ token: shopper.token }).cart.merge.$post({ json: { items } })),
        200,
      );
      expect(merged.items).toEqual([expect.objectContaining({ variantId: product.variantId, quantity: 999 })]);
      expect(merged.notices).toEqual([
        { productId: product.id, variantId: product.variantId, reason: "capped", available: maxLineQuantity },
      ]);
    }
  });

  it("holds when a wished product moves to a cart that has the most of it already: 409, nothing changed", async () => {
    const [shopper] = await createShoppers(1);
    const product = await createProduct({ stock: 5_000 });
    await setLine(shopper.token, product.id, maxLineQuantity);
    const shop = () => client({ token: shopper.token });
    await answer(shop().wishlist[":productId"].$put({ param: { productId: product.id } }));
    const moved = await answer(
      shop().wishlist[":productId"]["move-to-cart"].$post({ param: { productId: product.id } }),
    );
    expectError(moved, 409, "conflict");
    expect(expectStatus(moved, 409).error.details).toEqual({ productId: product.id, max: maxLineQuantity });
    expect(expectStatus(await answer(shop().cart.$get()), 200).itemCount).toBe(maxLineQuantity);
  });

  it("is held by the database too, whatever writes the line", async () => {
    const [shopper] = await createShoppers(1);
    const product = await createProduct({ stock: 5_000 });
    await setLine(shopper.token, product.id, 1);
    const failure = await withServices(({ db }) =>
      db.execute(sql`UPDATE cart_items SET quantity = 1000 WHERE variant_id = ${product.variantId}`),
    ).catch((error: unknown) => error);
    expect(pgError(failure)).toMatchObject({ code: "23514", constraint: "cart_items_quantity_within_line_limit" });
  });
});

describe("amounts past what one order may hold", () => {
  it("shows a cart worth more than 32 bits hold, and refuses its checkout and preview with 409 order_too_large, taking nothing", async () => {
    const [shopper] = await createShoppers(1);
    const dear = await createProduct({ stock: 10, price: maxOrderAmount });
    const shop = () => client({ token: shopper.token });
    const cart = expectStatus(await setLine(shopper.token, dear.id, 3), 200);
    expect(cart).toMatchObject({ subtotal: 3 * maxOrderAmount, itemCount: 3 });
    expect(cart.items[0].lineTotal).toBe(3 * maxOrderAmount);

    const refused = await checkoutAs(shopper.token);
    expectError(refused, 409, "order_too_large");
    expect(expectStatus(refused, 409).error.details).toEqual({ amount: 3 * maxOrderAmount, max: maxOrderAmount });
    expect(await stockOf(dear.variantId)).toBe(10);
    expect(expectStatus(await answer(shop().cart.$get()), 200).itemCount).toBe(3);

    const coupon = await defineCoupon({ value: 10 });
    const code = await grant(coupon.id, shopper.id);
    expectError(await answer(shop().coupons.preview.$post({ json: { code } })), 409, "order_too_large");

    // One of them is an order like any other.
    await setLine(shopper.token, dear.id, 1);
    const order = expectStatus(await checkoutAs(shopper.token), 201);
    expect(order.subtotal).toBe(maxOrderAmount);
  });
});

describe("unpaid orders one shopper holds", () => {
  it(`stops at ${maxPendingOrders}: the next checkout is 409 too_many_pending_orders until one is paid, canceled or expired`, async () => {
    const [shopper] = await createShoppers(1);
    const product = await createProduct({ stock: 100 });
    const orders: string[] = [];
    for (let i = 0; i < maxPendingOrders; i++) {
      await setLine(shopper.token, product.id, 1);
      const placed = expectStatus(await checkoutAs(shopper.token), 201);
      orders.push(placed.id);
    }
    await setLine(shopper.token, product.id, 2);
    const refused = await checkoutAs(shopper.token);
    expectError(refused, 409, "too_many_pending_orders");
    expect(expectStatus(refused, 409).error.details).toEqual({ max: maxPendingOrders });
    expect(await stockOf(product.variantId)).toBe(100 - maxPendingOrders);
    const shop = () => client({ token: shopper.token });
    expect(expectStatus(await answer(shop().cart.$get()), 200).itemCount).toBe(2);

    const canceled = await answer(shop().orders[":id"].cancel.$post({ param: { id: orders[0] } }));
    expect(canceled.status).toBe(200);
    expect((await checkoutAs(shopper.token)).status).toBe(201);

    await setLine(shopper.token, product.id, 1);
    expectError(await checkoutAs(shopper.token), 409, "too_many_pending_orders");
    // An order whose reservation ran out holds nothing, even before the schedule cancels it.
    await withServices(({ db }) =>
      db.execute(sql`UPDATE orders SET expires_at = now() - interval '1 second' WHERE id = ${orders[1]}`),
    );
    expect((await checkoutAs(shopper.token)).status).toBe(201);
  });
});

describe("an order with nothing to pay", () => {
  it("is paid at checkout, with its paid event, and asks for no payment", async () => {
    const [shopper] = await createShoppers(1);
    const product = await createProduct({ stock: 5, price: 2_000, shipping: 0 });
    const coupon = await defineCoupon({ value: 100 });
    const code = await grant(coupon.id, shopper.id);
    await setLine(shopper.token, product.id, 2);
    const order = expectStatus(await checkoutAs(shopper.token, { couponCode: code, shippingAddress: address }), 201);
    expect(order).toMatchObject({ status: "paid", subtotal: 4_000, discount: 4_000, tax: 0, total: 0 });
    expect(order.events.map((e) => [e.status, e.actor, e.note])).toEqual([
      ["pending_payment", "customer", null],
      ["paid", "system", "nothing to pay"],
    ]);
    expectError(
      await answer(client({ token: shopper.token }).orders[":id"].payment.$post({ param: { id: order.id } })),
      409,
      "already_paid",
    );
    expect(await stockOf(product.variantId)).toBe(3);
  });
});
