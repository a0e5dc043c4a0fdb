import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  address,
  call,
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
      const merged = await call("/cart/merge", { token: shopper.token, body: { items } });
      expect(merged.status).toBe(200);
      expect(merged.body.items).toEqual([expect.objectContaining({ variantId: product.variantId, quantity: 999 })]);
      expect(merged.body.notices).toEqual([
        { productId: product.id, variantId: product.variantId, reason: "capped", available: maxLineQuantity },
      ]);
    }
  });

  it("holds when a wished product moves to a cart that has the most of it already: 409, nothing changed", async () => {
    const [shopper] = await createShoppers(1);
    const product = await createProduct({ stock: 5_000 });
    await setLine(shopper.token, product.id, maxLineQuantity);
    await call(`/wishlist/${product.id}`, { method: "PUT", token: shopper.token });
    const moved = await call(`/wishlist/${product.id}/move-to-cart`, { method: "POST", token: shopper.token });
    expectError(moved, 409, "conflict");
    expect(moved.body.error.details).toEqual({ productId: product.id, max: maxLineQuantity });
    expect((await call("/cart", { token: shopper.token })).body.itemCount).toBe(maxLineQuantity);
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
    const cart = await setLine(shopper.token, dear.id, 3);
    expect(cart.status).toBe(200);
    expect(cart.body).toMatchObject({ subtotal: 3 * maxOrderAmount, itemCount: 3 });
    expect(cart.body.items[0].lineTotal).toBe(3 * maxOrderAmount);

    const refused = await checkoutAs(shopper.token);
    expectError(refused, 409, "order_too_large");
    expect(refused.body.error.details).toEqual({ amount: 3 * maxOrderAmount, max: maxOrderAmount });
    expect(await stockOf(dear.variantId)).toBe(10);
    expect((await call("/cart", { token: shopper.token })).body.itemCount).toBe(3);

    const coupon = await defineCoupon({ value: 10 });
    const code = await grant(coupon.id, shopper.id);
    expectError(await call("/coupons/preview", { token: shopper.token, body: { code } }), 409, "order_too_large");

    // One of them is an order like any other.
    await setLine(shopper.token, dear.id, 1);
    const order = await checkoutAs(shopper.token);
    expect(order.status).toBe(201);
    expect(order.body.subtotal).toBe(maxOrderAmount);
  });
});

describe("unpaid orders one shopper holds", () => {
  it(`stops at ${maxPendingOrders}: the next checkout is 409 too_many_pending_orders until one is paid, canceled or expired`, async () => {
    const [shopper] = await createShoppers(1);
    const product = await createProduct({ stock: 100 });
    const orders: string[] = [];
    for (let i = 0; i < maxPendingOrders; i++) {
      await setLine(shopper.token, product.id, 1);
      const placed = await checkoutAs(shopper.token);
      expect(placed.status).toBe(201);
      orders.push(placed.body.id);
    }
    await setLine(shopper.token, product.id, 2);
    const refused = await checkoutAs(shopper.token);
    expectError(refused, 409, "too_many_pending_orders");
    expect(refused.body.error.details).toEqual({ max: maxPendingOrders });
    expect(await stockOf(product.variantId)).toBe(100 - maxPendingOrders);
    expect((await call("/cart", { token: shopper.token })).body.itemCount).toBe(2);

    expect((await call(`/orders/${orders[0]}/cancel`, { method: "POST", token: shopper.token })).status).toBe(200);
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
    const order = await checkoutAs(shopper.token, { couponCode: code, shippingAddress: address });
    expect(order.status).toBe(201);
    expect(order.body).toMatchObject({ status: "paid", subtotal: 4_000, discount: 4_000, tax: 0, total: 0 });
    expect(order.body.events.map((e: any) => [e.status, e.actor, e.note])).toEqual([
      ["pending_payment", "customer", null],
      ["paid", "system", "nothing to pay"],
    ]);
    expectError(
      await call(`/orders/${order.body.id}/payment`, { method: "POST", token: shopper.token }),
      409,
      "already_paid",
    );
    expect(await stockOf(product.variantId)).toBe(3);
  });
});
