import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { shopperMessageSchema } from "../../realtime/messages.ts";
import {
  address,
  call,
  checkoutAs,
  createProduct,
  createShoppers,
  defineCoupon,
  expectError,
  grant,
  seedAdmin,
  setVariantLine,
  tokenFor,
  withServices,
} from "../../test/support/shop.ts";
import { openSocket } from "../../test/support/sockets.ts";

/**
 * What one customer (Alice) owns, tried by another (Bob), with the answer the contract gives: the
 * cart and wishlist are addressed only as one's own (Bob's calls change Bob's, never Alice's); someone
 * else's order, and its payment, is 404 as if it did not exist; a rating is one per user, so Bob's vote
 * is his own; moderation is staff's (403); another user's room refuses the socket (403). Each case also
 * shows that Alice's things are as they were.
 */
describe("ownership across customers", async () => {
  const [alice, bob] = await createShoppers(2);
  const kept = await createProduct({ stock: 10, price: 2_000 });
  const wished = await createProduct({ stock: 10, price: 3_000 });
  const admin = await tokenFor(seedAdmin, "admin");

  const cases: { what: string; request: string; answer: string }[] = [];
  const record = (what: string, request: string, answer: { status: number; body?: any }) =>
    cases.push({ what, request, answer: `${answer.status} ${answer.body?.error?.code ?? ""}`.trim() });

  it("cart lines: Bob's calls address Bob's cart only; Alice's lines stay as they are", async () => {
    expect((await setVariantLine(alice.token, kept.variantId, 2)).status).toBe(200);
    const aliceCart = (await call("/cart", { token: alice.token })).body;

    const put = await setVariantLine(bob.token, kept.variantId, 5);
    record("another's cart line", "PUT /cart/variants/{alice's variant}", put);
    expect(put.status).toBe(200);
    expect(put.body.items).toEqual([expect.objectContaining({ variantId: kept.variantId, quantity: 5 })]);
    const removed = await call(`/cart/variants/${kept.variantId}`, { method: "DELETE", token: bob.token });
    record("another's cart line", "DELETE /cart/variants/{alice's variant}", removed);
    expect(removed.body.items).toEqual([]);
    const byProduct = await call(`/cart/items/${kept.id}`, { method: "DELETE", token: bob.token });
    record("another's cart line", "DELETE /cart/items/{alice's product}", byProduct);
    const emptied = await call("/cart", { method: "DELETE", token: bob.token });
    record("another's cart", "DELETE /cart", emptied);
    const merged = await call("/cart/merge", {
      token: bob.token,
      body: { items: [{ productId: kept.id, quantity: 1 }] },
    });
    record("another's cart", "POST /cart/merge", merged);
    expect(merged.body.items).toEqual([expect.objectContaining({ variantId: kept.variantId, quantity: 1 })]);
    await call("/cart", { method: "DELETE", token: bob.token });

    expect((await call("/cart", { token: alice.token })).body).toEqual(aliceCart);
    expectError(await call("/cart"), 401, "unauthenticated");
  });

  it("orders: another's order is 404 to read, cancel or pay, absent from Bob's list, and untouched", async () => {
    await setVariantLine(alice.token, kept.variantId, 1);
    const order = (await checkoutAs(alice.token, { shippingAddress: address })).body;
    expect(order.status).toBe("pending_payment");

    const read = await call(`/orders/${order.id}`, { token: bob.token });
    record("another's order", "GET /orders/{id}", read);
    expectError(read, 404, "not_found");
    const cancel = await call(`/orders/${order.id}/cancel`, { method: "POST", token: bob.token });
    record("another's order", "POST /orders/{id}/cancel", cancel);
    expectError(cancel, 404, "not_found");
    const pay = await call(`/orders/${order.id}/payment`, { method: "POST", token: bob.token });
    record("another's order payment", "POST /orders/{id}/payment", pay);
    expectError(pay, 404, "not_found");
    // The same answer as for an order that does not exist at all: nothing tells them apart.
    const none = await call(`/orders/${crypto.randomUUID()}`, { token: bob.token });
    expect({ status: none.status, code: none.body.error.code }).toEqual({
      status: read.status,
      code: read.body.error.code,
    });
    const list = await call("/orders", { token: bob.token });
    expect(list.body.items.map((o: any) => o.id)).not.toContain(order.id);
    const staffView = await call(`/admin/orders/${order.id}`, { token: bob.token });
    record("another's order, staff view", "GET /admin/orders/{id}", staffView);
    expectError(staffView, 403, "forbidden");
    const refund = await call(`/admin/orders/${order.id}/refund`, { method: "POST", token: bob.token });
    record("another's order, refund", "POST /admin/orders/{id}/refund", refund);
    expectError(refund, 403, "forbidden");

    const mine = await call(`/orders/${order.id}`, { token: alice.token });
    expect(mine.body).toMatchObject({ id: order.id, status: "pending_payment", total: order.total });
    const payments = await withServices(async ({ db }) => {
      const result = await db.execute<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM payments WHERE order_id = ${order.id}`,
      );
      return result.rows[0].n;
    });
    expect(payments).toBe(0);
    // Staff see it.
    expect((await call(`/admin/orders/${order.id}`, { token: admin })).status).toBe(200);
  });

  it("coupons: a code granted to Alice is not Bob's to preview or spend (409 coupon_invalid)", async () => {
    const code = await grant((await defineCoupon({ value: 10 })).id, alice.id);
    await setVariantLine(bob.token, kept.variantId, 1);
    const preview = await call("/coupons/preview", { token: bob.token, body: { code } });
    record("another's coupon", "POST /coupons/preview", preview);
    expectError(preview, 409, "coupon_invalid");
    const spent = await checkoutAs(bob.token, { couponCode: code, shippingAddress: address });
    record("another's coupon", "POST /checkout {couponCode}", spent);
    expectError(spent, 409, "coupon_invalid");
    await call("/cart", { method: "DELETE", token: bob.token });
    const mine = (await call("/coupons", { token: alice.token })).body.items;
    expect(mine).toEqual([expect.objectContaining({ code, remainingUses: expect.any(Number) })]);
    expect((await call("/coupons", { token: bob.token })).body.items.map((c: any) => c.code)).not.toContain(code);
  });

  it("ratings and reviews: Bob's vote is his own and leaves Alice's; moderating hers is staff's (403)", async () => {
    const hers = await call(`/products/${kept.id}/rating`, {
      method: "PUT",
      token: alice.token,
      body: { vote: 5, text: "Lovely lamp, bright and warm." },
    });
    expect(hers.body).toMatchObject({ myVote: 5, count: 1, average: 5 });
    const his = await call(`/products/${kept.id}/rating`, { method: "PUT", token: bob.token, body: { vote: 1 } });
    record("another's rating", "PUT /products/{id}/rating", his);
    expect(his.body).toMatchObject({ myVote: 1, count: 2, average: 3 });
    const again = await call(`/products/${kept.id}/rating`, { method: "PUT", token: alice.token, body: { vote: 5 } });
    expect(again.body).toMatchObject({ myVote: 5, count: 2 });

    const pending = (await call(`/admin/ratings?approved=false&limit=100`, { token: admin })).body.items;
    const review = pending.find((r: any) => r.productId === kept.id && r.vote === 5);
    expect(review).toBeDefined();
    const moderated = await call(`/admin/ratings/${review.id}`, {
      method: "PATCH",
      token: bob.token,
      body: { approved: true },
    });
    record("another's review", "PATCH /admin/ratings/{id}", moderated);
    expectError(moderated, 403, "forbidden");
    const rows = await withServices(async ({ db }) => {
      const result = await db.execute<{ vote: number; text: string | null; approved: boolean }>(sql`
        SELECT vote, text, is_approved AS approved FROM ratings WHERE product_id = ${kept.id} AND user_id = ${alice.id}`);
      return result.rows;
    });
    expect(rows).toEqual([{ vote: 5, text: "Lovely lamp, bright and warm.", approved: false }]);
  });

  it("wishlist: removing Alice's wish from Bob's list is 404; moving it to a cart moves it to Bob's; hers stays", async () => {
    expect((await call(`/wishlist/${wished.id}`, { method: "PUT", token: alice.token })).status).toBe(200);
    const removed = await call(`/wishlist/${wished.id}`, { method: "DELETE", token: bob.token });
    record("another's wishlist item", "DELETE /wishlist/{productId}", removed);
    expectError(removed, 404, "not_found");
    const bobs = await call("/wishlist", { token: bob.token });
    record("another's wishlist", "GET /wishlist", bobs);
    expect(bobs.body.items.map((i: any) => i.productId)).not.toContain(wished.id);
    const moved = await call(`/wishlist/${wished.id}/move-to-cart`, { method: "POST", token: bob.token });
    record("another's wishlist item", "POST /wishlist/{productId}/move-to-cart", moved);
    expect(moved.status).toBe(200);
    expect((await call("/cart", { token: bob.token })).body.items).toEqual([
      expect.objectContaining({ productId: wished.id, quantity: 1 }),
    ]);
    await call("/cart", { method: "DELETE", token: bob.token });
    const hers = (await call("/wishlist", { token: alice.token })).body.items;
    expect(hers.map((i: any) => i.productId)).toEqual([wished.id]);
  });

  it("socket rooms: Bob's ticket does not open Alice's shopper room (403) nor the dashboard (403)", async () => {
    const ticket = (await call("/realtime/ticket", { method: "POST", token: bob.token })).body.ticket;
    const room = await openSocket(`/parties/shopper/${alice.id}?ticket=${ticket}`, shopperMessageSchema);
    record("another's socket room", "GET /parties/shopper/{alice} (upgrade)", room);
    expect(room.status).toBe(403);
    expect(room.body).toMatchObject({ error: { code: "forbidden" } });
    const dashboard = await openSocket(`/parties/dashboard/main?ticket=${ticket}`, shopperMessageSchema);
    record("the staff room", "GET /parties/dashboard/main (upgrade)", dashboard);
    expect(dashboard.status).toBe(403);
    const own = await openSocket(`/parties/shopper/${bob.id}?ticket=${ticket}`, shopperMessageSchema);
    expect(own.status).toBe(101);
    own.socket?.close();
  });

  it("prints the matrix", () => {
    console.log(
      `ownership matrix (${cases.length} cases):\n${cases.map((c) => `  ${c.what}: ${c.request} → ${c.answer}`).join("\n")}`,
    );
    expect(cases.length).toBeGreaterThanOrEqual(18);
  });
});
