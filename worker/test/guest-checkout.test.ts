import { describe, expect, it } from "vitest";
import { orderRoomMessageSchema } from "../../realtime/messages.ts";
import { answer, client, expectStatus, randomIp } from "../../test/support/client.ts";
import {
  address,
  createProduct,
  expectError,
  latestCode,
  latestMessage,
  pressSandboxButton,
  seedAdmin,
  seedShopper,
  stockOf,
  tokenFor,
  uniqueEmail,
} from "../../test/support/shop.ts";
import { openSocket } from "../../test/support/sockets.ts";

type Line = { variantId: string; quantity: number };

/** A guest's checkout from one address of their own (guests are limited per address). */
const guestCheckout = (
  body: { email: string; phone?: string; items: Line[] },
  key = crypto.randomUUID(),
  ip = randomIp(),
) =>
  answer(
    client({ ip }).guest.checkout.$post({
      json: { ...body, shippingAddress: address },
      header: { "idempotency-key": key },
    }),
  );

const openGuestOrder = (id: string, key: string) =>
  answer(client().guest.orders[":id"].$get({ param: { id }, header: { "order-key": key } }));

const staff = async () => client({ token: await tokenFor(seedAdmin, "admin") });

describe("a guest's checkout", () => {
  it("places an order from the browser's lines without an account: numbered, the email lower-cased, the phone in E.164, the stock reserved", async () => {
    const kettle = await createProduct({ stock: 5, price: 2_000 });
    const placed = expectStatus(
      await guestCheckout({
        email: "Ada.Guest@Example.com",
        phone: "+1 415 555 0123",
        items: [{ variantId: kettle.variantId, quantity: 2 }],
      }),
      201,
    );
    expect(placed).toMatchObject({
      status: "pending_payment",
      email: "ada.guest@example.com",
      phone: "+14155550123",
      subtotal: 4_000,
      items: [{ variantId: kettle.variantId, quantity: 2, unitPrice: 2_000 }],
    });
    expect(placed.number).toBeGreaterThan(1000);
    expect(placed.key).toMatch(/^[0-9a-f]{32}$/);
    expect(await stockOf(kettle.variantId)).toBe(3);

    // Its key opens it; another key, or none, opens nothing.
    expect(expectStatus(await openGuestOrder(placed.id, placed.key), 200).number).toBe(placed.number);
    expectError(await openGuestOrder(placed.id, "0".repeat(32)), 404, "not_found");
    const noKey = await answer(
      client().guest.orders[":id"].$get({ param: { id: placed.id }, header: { "order-key": "" } }),
    );
    expectError(noKey, 400, "invalid_request");
    // A shopper's route does not open a guest's order.
    const shopper = await tokenFor(seedShopper, "customer");
    const asShopper = await answer(client({ token: shopper }).orders[":id"].$get({ param: { id: placed.id } }));
    expectError(asShopper, 404, "not_found");
  });

  it("numbers orders one after another, unique", async () => {
    const product = await createProduct({ stock: 10 });
    const numbers = await Promise.all(
      Array.from({ length: 5 }, async () => {
        const body = { email: uniqueEmail(), items: [{ variantId: product.variantId, quantity: 1 }] };
        return expectStatus(await guestCheckout(body), 201).number;
      }),
    );
    expect(new Set(numbers).size).toBe(5);
  });

  it("answers the same order for the same key and email, 409 for the same key with another body, and places one order under ten concurrent retries", async () => {
    const product = await createProduct({ stock: 20 });
    const email = uniqueEmail();
    const key = crypto.randomUUID();
    const body = { email, items: [{ variantId: product.variantId, quantity: 1 }] };
    const results = await Promise.all(Array.from({ length: 10 }, () => guestCheckout(body, key)));
    const ids = new Set(results.map((result) => expectStatus(result, 201).id));
    expect(ids.size).toBe(1);
    expect(await stockOf(product.variantId)).toBe(19);
    const changed = await guestCheckout({ ...body, items: [{ variantId: product.variantId, quantity: 2 }] }, key);
    expectError(changed, 409, "idempotency_conflict");
  });

  it("refuses the whole order when a line is short or its variant is gone, naming each, and reserves nothing", async () => {
    const scarce = await createProduct({ stock: 1 });
    const plenty = await createProduct({ stock: 10 });
    const gone = crypto.randomUUID();
    const refused = await guestCheckout({
      email: uniqueEmail(),
      items: [
        { variantId: scarce.variantId, quantity: 2 },
        { variantId: plenty.variantId, quantity: 1 },
        { variantId: gone, quantity: 1 },
      ],
    });
    const error = expectError(refused, 409, "insufficient_stock");
    expect(error.error.details).toEqual({
      items: [
        { productId: scarce.id, variantId: scarce.variantId, requested: 2, available: 1 },
        { productId: null, variantId: gone, requested: 1, available: 0 },
      ],
    });
    expect([await stockOf(scarce.variantId), await stockOf(plenty.variantId)]).toEqual([1, 10]);
  });

  it("refuses a bad email, phone or line as 400 naming the field", async () => {
    const product = await createProduct({ stock: 3 });
    const line = { variantId: product.variantId, quantity: 1 };
    expectError(await guestCheckout({ email: "not-an-email", items: [line] }), 400, "invalid_request");
    const phone = expectError(
      await guestCheckout({ email: uniqueEmail(), phone: "12345", items: [line] }),
      400,
      "invalid_request",
    );
    expect(phone.error.details).toEqual([{ path: "phone", message: "not a valid phone number" }]);
    expectError(await guestCheckout({ email: uniqueEmail(), items: [] }), 400, "invalid_request");
    expectError(await guestCheckout({ email: uniqueEmail(), items: [line, line] }), 400, "invalid_request");
  });

  it("limits the orders one address places: the 21st in 15 minutes is 429", async () => {
    const product = await createProduct({ stock: 100 });
    const ip = randomIp();
    const line = { variantId: product.variantId, quantity: 1 };
    for (let i = 0; i < 20; i++)
      expectStatus(await guestCheckout({ email: uniqueEmail(), items: [line] }, crypto.randomUUID(), ip), 201);
    const refused = await guestCheckout({ email: uniqueEmail(), items: [line] }, crypto.randomUUID(), ip);
    expectError(refused, 429, "rate_limited");
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
  });
});

describe("a guest's order after checkout", () => {
  it("is paid at the bank by its key, and shows paid to the key's holder", async () => {
    const product = await createProduct({ stock: 4, price: 1_500 });
    const placed = expectStatus(
      await guestCheckout({ email: uniqueEmail(), items: [{ variantId: product.variantId, quantity: 1 }] }),
      201,
    );
    const pay = (key: string) =>
      answer(client().guest.orders[":id"].payment.$post({ param: { id: placed.id }, header: { "order-key": key } }));
    expectError(await pay("f".repeat(32)), 404, "not_found");
    const started = expectStatus(await pay(placed.key), 201);
    const authority = started.redirectUrl.split("/").at(-1) as string;
    expectStatus(await pressSandboxButton(authority, "success"), 200);
    expect(expectStatus(await openGuestOrder(placed.id, placed.key), 200).status).toBe("paid");
    expectError(await pay(placed.key), 409, "already_paid");
  });

  it("says a declined payment failed and why, and takes the next attempt", async () => {
    const product = await createProduct({ stock: 4, price: 1_500 });
    const placed = expectStatus(
      await guestCheckout({ email: uniqueEmail(), items: [{ variantId: product.variantId, quantity: 1 }] }),
      201,
    );
    expect(placed.lastPayment).toBeNull();
    const pay = () =>
      answer(
        client().guest.orders[":id"].payment.$post({ param: { id: placed.id }, header: { "order-key": placed.key } }),
      );
    const first = expectStatus(await pay(), 201);
    expectStatus(await pressSandboxButton(first.redirectUrl.split("/").at(-1) as string, "failure"), 200);
    const declined = expectStatus(await openGuestOrder(placed.id, placed.key), 200);
    expect(declined.status).toBe("pending_payment");
    expect(declined.lastPayment).toMatchObject({ status: "failed", failureReason: "The bank declined the card." });
    const second = expectStatus(await pay(), 201);
    expectStatus(await pressSandboxButton(second.redirectUrl.split("/").at(-1) as string, "success"), 200);
    const paid = expectStatus(await openGuestOrder(placed.id, placed.key), 200);
    expect(paid).toMatchObject({ status: "paid", lastPayment: { status: "succeeded", failureReason: null } });
  });

  it("is canceled by its key, which gives the stock back", async () => {
    const product = await createProduct({ stock: 4 });
    const placed = expectStatus(
      await guestCheckout({ email: uniqueEmail(), items: [{ variantId: product.variantId, quantity: 3 }] }),
      201,
    );
    expect(await stockOf(product.variantId)).toBe(1);
    const cancel = (key: string) =>
      answer(client().guest.orders[":id"].cancel.$post({ param: { id: placed.id }, header: { "order-key": key } }));
    expectError(await cancel("0".repeat(32)), 404, "not_found");
    expect(expectStatus(await cancel(placed.key), 200).status).toBe("canceled");
    expect(await stockOf(product.variantId)).toBe(4);
    expectError(await cancel(placed.key), 409, "invalid_transition");
  });

  it("moves on live in its room for every tab with its key; another key opens no room", async () => {
    const product = await createProduct({ stock: 4 });
    const placed = expectStatus(
      await guestCheckout({ email: uniqueEmail(), items: [{ variantId: product.variantId, quantity: 1 }] }),
      201,
    );
    const refused = await openSocket(`/parties/order/${placed.id}?key=${"0".repeat(32)}`, orderRoomMessageSchema);
    expect(refused.status).toBe(404);
    const room = await openSocket(`/parties/order/${placed.id}?key=${placed.key}`, orderRoomMessageSchema);
    if (!room.socket) throw new Error(`room refused: ${room.status}`);
    expect((await room.next("snapshot")).order.status).toBe("pending_payment");
    const admin = await staff();
    expectStatus(
      await answer(
        admin.admin.orders[":id"].cancel.$post({ param: { id: placed.id }, json: { note: "out of stock" } }),
      ),
      200,
    );
    await room.until(() => room.received.some((m) => m.type === "order" && m.order.status === "canceled"));
    room.socket.close();
  });

  it("sends its link to its email when asked with the email and its number, and answers the same for a wrong pair", async () => {
    const product = await createProduct({ stock: 4 });
    const email = uniqueEmail();
    const placed = expectStatus(
      await guestCheckout({ email, items: [{ variantId: product.variantId, quantity: 1 }] }),
      201,
    );
    const ask = (body: { email: string; number: number }) => answer(client().guest.orders.link.$post({ json: body }));
    const before = new Date().toISOString();
    expect((await ask({ email: email.toUpperCase(), number: placed.number })).status).toBe(202);
    const message = await latestMessage(email, "order_link", before);
    expect(message.text).toContain(`/orders/${placed.id}?key=${placed.key}`);
    expect(message.text).toContain(`#${placed.number}`);

    // A wrong number for the email: the same answer, and no message.
    const other = uniqueEmail();
    expect((await ask({ email: other, number: placed.number })).status).toBe(202);
    await expect(latestMessage(other, "order_link", before)).rejects.toThrow(/no order_link message/);
  });
});

describe("a guest who creates an account", () => {
  it("registers with the email of their guest order (Smartstore #1355, Broadleaf #38: registering is not blocked), and once verified sees the order in their history", async () => {
    const product = await createProduct({ stock: 5 });
    const email = uniqueEmail();
    const placed = expectStatus(
      await guestCheckout({ email, items: [{ variantId: product.variantId, quantity: 1 }] }),
      201,
    );
    const shop = client({ ip: randomIp() });
    const password = "correct-horse-battery";
    expectStatus(await answer(shop.auth.register.$post({ json: { username: email, password } })), 201);
    const code = await latestCode(email, "verify");
    const session = expectStatus(
      await answer(shop.auth.verify.$post({ json: { username: email, code, password } })),
      200,
    );
    const mine = expectStatus(await answer(client({ token: session.accessToken }).orders.$get({ query: {} })), 200);
    expect(mine.items.map((order) => order.id)).toEqual([placed.id]);
    // The link keeps working for whoever holds it.
    expect(expectStatus(await openGuestOrder(placed.id, placed.key), 200).id).toBe(placed.id);
  });

  it("gives the guest orders of an email only to the account that verifies it, not to one that merely registered it", async () => {
    const product = await createProduct({ stock: 5 });
    const email = uniqueEmail();
    const placed = expectStatus(
      await guestCheckout({ email, items: [{ variantId: product.variantId, quantity: 1 }] }),
      201,
    );
    const shop = client({ ip: randomIp() });
    expectStatus(
      await answer(shop.auth.register.$post({ json: { username: email, password: "correct-horse-battery" } })),
      201,
    );
    // Not verified: the order is still the guest's alone, in staff's list too.
    const admin = await staff();
    const listed = expectStatus(await answer(admin.admin.orders.$get({ query: { q: `#${placed.number}` } })), 200);
    expect(listed.items).toEqual([
      expect.objectContaining({ id: placed.id, userId: null, username: email, guestEmail: email }),
    ]);
    const byEmail = expectStatus(await answer(admin.admin.orders.$get({ query: { q: email } })), 200);
    expect(byEmail.items.map((order) => order.id)).toContain(placed.id);
  });
});
