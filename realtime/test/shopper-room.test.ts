import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
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
  seedAdmin,
  setLine,
  signUp,
  startPaymentAs,
  tokenFor,
  withServices,
} from "../../test/support/shop.ts";
import { openSocket } from "../../test/support/sockets.ts";
import { signAccessToken, signTicket } from "../../worker/lib/tokens.ts";
import { dashboardMessageSchema, shopperMessageSchema } from "../messages.ts";

async function ticketFor(token: string) {
  return expectStatus(await answer(client({ token }).realtime.ticket.$post()), 200).ticket;
}

async function shopperSocket(userId: string, token: string) {
  const socket = await openSocket(`/parties/shopper/${userId}?ticket=${await ticketFor(token)}`, shopperMessageSchema);
  if (!socket.socket) throw new Error(`refused: ${socket.status}`);
  return socket;
}

describe("the shopper room", () => {
  it("sends a snapshot on connect, then the cart to every device the moment one changes it", async () => {
    const [shopper] = await createShoppers(1);
    const product = await createProduct({ stock: 10, price: 1_500 });
    const phone = await shopperSocket(shopper.id, shopper.token);
    const laptop = await shopperSocket(shopper.id, shopper.token);
    const snapshot = await phone.next("snapshot");
    expect(snapshot).toMatchObject({ cart: { items: [], version: 0 }, coupons: [] });
    expect(Math.abs(Date.parse(snapshot.serverTime) - Date.now())).toBeLessThan(5_000);
    await laptop.next("snapshot");

    const changed = await setLine(shopper.token, product.id, 2);
    for (const device of [phone, laptop]) {
      const message = await device.next("cart");
      expect(message.cart).toEqual(changed.body);
      expect(message.version).toBeGreaterThan(snapshot.version);
    }

    // A reconnect gets a fresh snapshot with the current cart.
    phone.socket.close();
    const again = await shopperSocket(shopper.id, shopper.token);
    expect((await again.next("snapshot")).cart.items).toEqual([
      expect.objectContaining({ productId: product.id, quantity: 2 }),
    ]);
    laptop.socket.close();
    again.socket.close();
  });

  it("refuses missing, tampered, expired, foreign and wrong-purpose tickets before the upgrade", async () => {
    const [alice, bob] = await createShoppers(2);
    const open = (path: string) => openSocket(path, shopperMessageSchema);
    expect((await open(`/parties/shopper/${alice.id}`)).status).toBe(401);
    const ticket = await ticketFor(alice.token);
    const [head, payload, signature] = ticket.split(".");
    const forged = JSON.parse(atob(payload.replaceAll("-", "+").replaceAll("_", "/")));
    const tampered = `${head}.${btoa(JSON.stringify({ ...forged, sub: bob.id })).replaceAll("=", "")}.${signature}`;
    expect((await open(`/parties/shopper/${bob.id}?ticket=${tampered}`)).status).toBe(401);
    const expired = (await signTicket(env, { sub: alice.id, role: "customer" }, Date.now() - 120_000)).ticket;
    expect((await open(`/parties/shopper/${alice.id}?ticket=${expired}`)).status).toBe(401);
    const accessToken = await signAccessToken(env, { sub: alice.id, role: "customer" });
    expect((await open(`/parties/shopper/${alice.id}?ticket=${accessToken}`)).status).toBe(401);
    const foreign = await open(`/parties/shopper/${bob.id}?ticket=${ticket}`);
    expect(foreign.status).toBe(403);
    expect(foreign.body).toMatchObject({ error: { code: "forbidden" } });
    expect((await open(`/parties/dashboard/main?ticket=${ticket}`)).status).toBe(403);
    expect((await answer(client().realtime.ticket.$post())).status).toBe(401);
  });

  it("pushes a granted coupon, then, when its alarm fires at expiry, the list without it", async () => {
    const [shopper] = await createShoppers(1);
    const socket = await shopperSocket(shopper.id, shopper.token);
    await socket.next("snapshot");
    const code = await grant((await defineCoupon({ validFor: "PT10M" })).id, shopper.id);
    const granted = await socket.next("coupons");
    expect(granted.coupons.map((c) => c.code)).toEqual([code]);

    await withServices(({ db }) =>
      db.execute(sql`UPDATE user_coupons SET expires_at = now() - interval '1 second' WHERE code = ${code}`),
    );
    const room = env.Shopper.get(env.Shopper.idFromName(shopper.id));
    expect(await runDurableObjectAlarm(room)).toBe(true);
    await socket.until(() => socket.received.filter((m) => m.type === "coupons").length === 2, "the expiry push");
    expect((await socket.next("coupons")).coupons).toEqual([]);
    socket.socket.close();
  });

  it("answers a ping with the server's clock, garbage with an error, and closes only a socket that sends oversized frames", async () => {
    const [shopper] = await createShoppers(1);
    const noisy = await shopperSocket(shopper.id, shopper.token);
    const quiet = await shopperSocket(shopper.id, shopper.token);
    await noisy.next("snapshot");
    noisy.socket.send(JSON.stringify({ type: "ping" }));
    expect((await noisy.next("pong")).serverTime).toEqual(expect.any(String));
    noisy.socket.send("{ not json");
    noisy.socket.send(JSON.stringify({ type: "cart", cart: { hacked: true } }));
    await noisy.until(() => noisy.received.filter((m) => m.type === "error").length === 2, "two errors");
    noisy.socket.send("x".repeat(5_000));
    await noisy.until(() => noisy.closed() !== undefined, "the close");
    expect(noisy.closed()?.code).toBe(1009);

    await setLine(shopper.token, (await createProduct({ stock: 3 })).id, 1);
    await quiet.next("cart");
    quiet.socket.close();
  });

  it("closes the sockets of a session on logout, and all of a user's on deactivation", async () => {
    const account = await signUp();
    const socket = await shopperSocket(account.user.id, account.accessToken);
    await socket.next("snapshot");
    await answer(client().auth.logout.$post({ json: { refreshToken: account.refreshToken } }));
    await socket.until(() => socket.closed() !== undefined, "the logout close");
    expect(socket.closed()).toEqual({ code: 4001, reason: "signed out" });

    const other = await signUp();
    const again = await shopperSocket(other.user.id, other.accessToken);
    await again.next("snapshot");
    await answer(
      client({ token: await tokenFor(seedAdmin, "admin") }).admin.users[":id"].$patch({
        param: { id: other.user.id },
        json: { active: false },
      }),
    );
    await again.until(() => again.closed() !== undefined, "the deactivation close");
    expect(again.closed()?.code).toBe(4001);
  });
});

describe("sessions that ended", () => {
  it("after sign-out, refuses the session's access token at once and closes a socket opened with a ticket issued before it", async () => {
    const account = await signUp();
    expect((await answer(client({ token: account.accessToken }).me.$get())).status).toBe(200);
    const earlierTicket = await ticketFor(account.accessToken);
    const login = { username: account.user.username, password: account.password };
    const other = expectStatus(await answer(client().auth.login.$post({ json: login })), 200);

    const logout = await answer(client().auth.logout.$post({ json: { refreshToken: account.refreshToken } }));
    expect(logout.status).toBe(204);
    const refused = await answer(client({ token: account.accessToken }).me.$get());
    expectError(refused, 401, "invalid_token");
    expect((await answer(client({ token: account.accessToken }).realtime.ticket.$post())).status).toBe(401);

    const late = await openSocket(`/parties/shopper/${account.user.id}?ticket=${earlierTicket}`, shopperMessageSchema);
    if (!late.socket) throw new Error(`refused before the upgrade: ${late.status}`);
    await late.until(() => late.closed() !== undefined, "the close");
    expect(late.closed()).toEqual({ code: 4001, reason: "session ended" });
    expect(late.received.filter((m) => m.type === "snapshot")).toEqual([]);

    // The account's other session is untouched.
    expect((await answer(client({ token: other.accessToken }).me.$get())).status).toBe(200);
    const mine = await shopperSocket(account.user.id, other.accessToken);
    await mine.next("snapshot");
    mine.socket.close();
  });

  it("closes a demoted staff member's dashboard socket, and their tickets from before the change open nothing", async () => {
    const admin = await tokenFor(seedAdmin, "admin");
    const username = `staff-${crypto.randomUUID()}@example.com`;
    const created = expectStatus(
      await answer(
        client({ token: admin }).admin.users.$post({
          json: { username, password: "correct-horse-battery", role: "staff" },
        }),
      ),
      201,
    );
    const session = expectStatus(
      await answer(client().auth.login.$post({ json: { username, password: "correct-horse-battery" } })),
      200,
    );
    const staffToken = session.accessToken;
    const watching = await openSocket(
      `/parties/dashboard/main?ticket=${await ticketFor(staffToken)}`,
      dashboardMessageSchema,
    );
    if (!watching.socket) throw new Error("dashboard refused");
    await watching.next("snapshot");
    const spareTicket = await ticketFor(staffToken);

    const demoted = await answer(
      client({ token: admin }).admin.users[":id"].$patch({ param: { id: created.id }, json: { role: "customer" } }),
    );
    expect(expectStatus(demoted, 200).role).toBe("customer");
    await watching.until(() => watching.closed() !== undefined, "the close on demotion");
    expect(watching.closed()).toEqual({ code: 4001, reason: "role changed" });

    // A ticket issued while they were staff: the room's check refuses it (the stats it holds are fresh).
    const late = await openSocket(`/parties/dashboard/main?ticket=${spareTicket}`, dashboardMessageSchema);
    if (!late.socket) throw new Error(`refused before the upgrade: ${late.status}`);
    await late.until(() => late.closed() !== undefined, "the close");
    expect(late.closed()?.code).toBe(4001);
    expect(late.received).toEqual([]);

    // After a refresh they are a customer, whose tickets the dashboard refuses before the upgrade.
    const refreshed = expectStatus(
      await answer(client().auth.refresh.$post({ json: { refreshToken: session.refreshToken } })),
      200,
    );
    expect(refreshed.user.role).toBe("customer");
    const again = await openSocket(
      `/parties/dashboard/main?ticket=${await ticketFor(refreshed.accessToken)}`,
      dashboardMessageSchema,
    );
    expect(again.status).toBe(403);
  });
});

describe("the dashboard room", () => {
  it("admits staff with a stats snapshot, then relays a paid order to both the shopper and the dashboard, and low stock", async () => {
    const staffToken = await tokenFor(seedAdmin, "admin");
    const dashboard = await openSocket(
      `/parties/dashboard/main?ticket=${await ticketFor(staffToken)}`,
      dashboardMessageSchema,
    );
    if (!dashboard.socket) throw new Error("dashboard refused");
    const snapshot = await dashboard.next("snapshot");
    expect(snapshot.stats).toMatchObject({
      ordersToday: expect.any(Number),
      revenueToday: expect.any(Number),
      currency: "USD",
    });

    const [shopper] = await createShoppers(1);
    const mine = await shopperSocket(shopper.id, shopper.token);
    await mine.next("snapshot");
    const product = await createProduct({ stock: 6, threshold: 5 });
    await setLine(shopper.token, product.id, 2);
    const order = expectStatus(await checkoutAs(shopper.token, { shippingAddress: address }), 201);
    const alert = await dashboard.next("low_stock");
    expect(alert.product).toEqual({ id: product.id, name: expect.any(String) });
    expect(alert.variant).toEqual({
      id: product.variantId,
      title: "Default",
      sku: product.slug,
      stockQty: 4,
      threshold: 5,
    });
    await dashboard.until(
      () => dashboard.received.some((m) => m.type === "order" && m.order.id === order.id),
      "the new order",
    );

    const { authority } = await startPaymentAs(shopper.token, order.id);
    await answer(client().sandbox.pay[":authority"].$post({ param: { authority }, json: { outcome: "success" } }));
    await mine.until(
      () => mine.received.some((m) => m.type === "order" && m.order.status === "paid"),
      "the paid order (shopper)",
    );
    await dashboard.until(
      () => dashboard.received.some((m) => m.type === "order" && m.order.status === "paid"),
      "the paid order (dashboard)",
    );
    // Revenue counts paid orders: the stats pushed after the payment include this one.
    await dashboard.until(
      () => dashboard.received.some((m) => m.type === "stats" && m.stats.revenueToday >= order.total),
      "stats with the revenue",
    );
    const versions = dashboard.received.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    dashboard.socket.close();
    mine.socket.close();
  });

  it("answers GET /admin/stats to staff only", async () => {
    const [shopper] = await createShoppers(1);
    expect((await answer(client({ token: shopper.token }).admin.stats.$get())).status).toBe(403);
    const stats = await answer(client({ token: await tokenFor(seedAdmin, "admin") }).admin.stats.$get());
    expect(stats.body).toEqual({
      ordersToday: expect.any(Number),
      revenueToday: expect.any(Number),
      pendingOrders: expect.any(Number),
      lowStockCount: expect.any(Number),
      activeShoppers: expect.any(Number),
      currency: "USD",
      promotionUsesToday: expect.any(Number),
      promotionDiscountToday: expect.any(Number),
    });
  });
});
