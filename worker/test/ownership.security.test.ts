import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { shopperMessageSchema } from "../../realtime/messages.ts";
import { answer, client, expectStatus } from "../../test/support/client.ts";
import {
  address,
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
/** The error code of an answer's body, or "" when it carries none. */
function codeOf(body: unknown): string {
  if (typeof body !== "object" || body === null || !("error" in body)) return "";
  const { error } = body;
  return typeof error === "object" && error !== null && "code" in error && typeof error.code === "string"
    ? error.code
    : "";
}

describe("ownership across customers", async () => {
  const [alice, bob] = await createShoppers(2);
  const kept = await createProduct({ stock: 10, price: 2_000 });
  const wished = await createProduct({ stock: 10, price: 3_000 });
  const admin = await tokenFor(seedAdmin, "admin");

  const cases: { what: string; request: string; answer: string }[] = [];
  const record = (what: string, request: string, result: { status: number; body?: unknown }) =>
    cases.push({ what, request, answer: `${result.status} ${codeOf(result.body)}`.trim() });

  it("cart lines: Bob's calls address Bob's cart only; Alice's lines stay as they are", async () => {
    expect((await setVariantLine(alice.token, kept.variantId, 2)).status).toBe(200);
    const aliceCart = (await answer(client({ token: alice.token }).cart.$get())).body;
    const asBob = client({ token: bob.token });

    const put = await setVariantLine(bob.token, kept.variantId, 5);
    record("another's cart line", "PUT /cart/variants/{alice's variant}", put);
    expect(expectStatus(put, 200).items).toEqual([expect.objectContaining({ variantId: kept.variantId, quantity: 5 })]);
    const removed = await answer(asBob.cart.variants[":variantId"].$delete({ param: { variantId: kept.variantId } }));
    record("another's cart line", "DELETE /cart/variants/{alice's variant}", removed);
    expect(expectStatus(removed, 200).items).toEqual([]);
    const byProduct = await answer(asBob.cart.items[":productId"].$delete({ param: { productId: kept.id } }));
    record("another's cart line", "DELETE /cart/items/{alice's product}", byProduct);
    const emptied = await answer(asBob.cart.$delete());
    record("another's cart", "DELETE /cart", emptied);
    const merged = await answer(asBob.cart.merge.$post({ json: { items: [{ productId: kept.id, quantity: 1 }] } }));
    record("another's cart", "POST /cart/merge", merged);
    expect(expectStatus(merged, 200).items).toEqual([
      expect.objectContaining({ variantId: kept.variantId, quantity: 1 }),
    ]);
    await answer(asBob.cart.$delete());

    expect((await answer(client({ token: alice.token }).cart.$get())).body).toEqual(aliceCart);
    expectError(await answer(client().cart.$get()), 401, "unauthenticated");
  });

  it("orders: another's order is 404 to read, cancel or pay, absent from Bob's list, and untouched", async () => {
    await setVariantLine(alice.token, kept.variantId, 1);
    const order = expectStatus(await checkoutAs(alice.token, { shippingAddress: address }), 201);
    expect(order.status).toBe("pending_payment");
    const asBob = client({ token: bob.token });
    const param = { id: order.id };

    const read = await answer(asBob.orders[":id"].$get({ param }));
    record("another's order", "GET /orders/{id}", read);
    expectError(read, 404, "not_found");
    const cancel = await answer(asBob.orders[":id"].cancel.$post({ param }));
    record("another's order", "POST /orders/{id}/cancel", cancel);
    expectError(cancel, 404, "not_found");
    const pay = await answer(asBob.orders[":id"].payment.$post({ param }));
    record("another's order payment", "POST /orders/{id}/payment", pay);
    expectError(pay, 404, "not_found");
    // The same answer as for an order that does not exist at all: nothing tells them apart.
    const none = await answer(asBob.orders[":id"].$get({ param: { id: crypto.randomUUID() } }));
    expect({ status: none.status, code: codeOf(none.body) }).toEqual({
      status: read.status,
      code: codeOf(read.body),
    });
    const list = expectStatus(await answer(asBob.orders.$get({ query: {} })), 200);
    expect(list.items.map((o) => o.id)).not.toContain(order.id);
    const staffView = await answer(asBob.admin.orders[":id"].$get({ param }));
    record("another's order, staff view", "GET /admin/orders/{id}", staffView);
    expectError(staffView, 403, "forbidden");
    const refund = await answer(asBob.admin.orders[":id"].refund.$post({ param }));
    record("another's order, refund", "POST /admin/orders/{id}/refund", refund);
    expectError(refund, 403, "forbidden");

    const mine = await answer(client({ token: alice.token }).orders[":id"].$get({ param }));
    expect(mine.body).toMatchObject({ id: order.id, status: "pending_payment", total: order.total });
    const payments = await withServices(async ({ db }) => {
      const result = await db.execute<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM payments WHERE order_id = ${order.id}`,
      );
      return result.rows[0].n;
    });
    expect(payments).toBe(0);
    // Staff see it.
    expect((await answer(client({ token: admin }).admin.orders[":id"].$get({ param }))).status).toBe(200);
  });

  it("coupons: a code granted to Alice is not Bob's to preview or spend (409 coupon_invalid)", async () => {
    const code = await grant((await defineCoupon({ value: 10 })).id, alice.id);
    await setVariantLine(bob.token, kept.variantId, 1);
    const preview = await answer(client({ token: bob.token }).coupons.preview.$post({ json: { code } }));
    record("another's coupon", "POST /coupons/preview", preview);
    expectError(preview, 409, "coupon_invalid");
    const spent = await checkoutAs(bob.token, { couponCode: code, shippingAddress: address });
    record("another's coupon", "POST /checkout {couponCode}", spent);
    expectError(spent, 409, "coupon_invalid");
    await answer(client({ token: bob.token }).cart.$delete());
    const mine = expectStatus(await answer(client({ token: alice.token }).coupons.$get()), 200).items;
    expect(mine).toEqual([expect.objectContaining({ code, remainingUses: expect.any(Number) })]);
    const bobs = expectStatus(await answer(client({ token: bob.token }).coupons.$get()), 200).items;
    expect(bobs.map((c) => c.code)).not.toContain(code);
  });

  it("ratings and reviews: Bob's vote is his own and leaves Alice's; moderating hers is staff's (403)", async () => {
    const rate = (token: string, json: { vote: number; text?: string }) =>
      answer(client({ token }).products[":id"].rating.$put({ param: { id: kept.id }, json }));
    const hers = await rate(alice.token, { vote: 5, text: "Lovely lamp, bright and warm." });
    expect(hers.body).toMatchObject({ myVote: 5, count: 1, average: 5 });
    const his = await rate(bob.token, { vote: 1 });
    record("another's rating", "PUT /products/{id}/rating", his);
    expect(his.body).toMatchObject({ myVote: 1, count: 2, average: 3 });
    const again = await rate(alice.token, { vote: 5 });
    expect(again.body).toMatchObject({ myVote: 5, count: 2 });

    const queue = await answer(
      client({ token: admin }).admin.ratings.$get({ query: { approved: "false", limit: "100" } }),
    );
    const pending = expectStatus(queue, 200).items;
    const review = pending.find((r) => r.productId === kept.id && r.vote === 5);
    expect(review).toBeDefined();
    if (!review) throw new Error("Alice's review is not in the queue");
    const moderated = await answer(
      client({ token: bob.token }).admin[":kind"][":id"].$patch({
        param: { kind: "ratings", id: review.id },
        json: { approved: true },
      }),
    );
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
    const asAlice = client({ token: alice.token });
    const asBob = client({ token: bob.token });
    const param = { productId: wished.id };
    expect((await answer(asAlice.wishlist[":productId"].$put({ param }))).status).toBe(200);
    const removed = await answer(asBob.wishlist[":productId"].$delete({ param }));
    record("another's wishlist item", "DELETE /wishlist/{productId}", removed);
    expectError(removed, 404, "not_found");
    const bobs = await answer(asBob.wishlist.$get());
    record("another's wishlist", "GET /wishlist", bobs);
    expect(expectStatus(bobs, 200).items.map((i) => i.productId)).not.toContain(wished.id);
    const moved = await answer(asBob.wishlist[":productId"]["move-to-cart"].$post({ param }));
    record("another's wishlist item", "POST /wishlist/{productId}/move-to-cart", moved);
    expect(moved.status).toBe(200);
    expect(expectStatus(await answer(asBob.cart.$get()), 200).items).toEqual([
      expect.objectContaining({ productId: wished.id, quantity: 1 }),
    ]);
    await answer(asBob.cart.$delete());
    const hers = expectStatus(await answer(asAlice.wishlist.$get()), 200).items;
    expect(hers.map((i) => i.productId)).toEqual([wished.id]);
  });

  it("socket rooms: Bob's ticket does not open Alice's shopper room (403) nor the dashboard (403)", async () => {
    const ticket = expectStatus(await answer(client({ token: bob.token }).realtime.ticket.$post()), 200).ticket;
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
