import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  address,
  call,
  checkoutAs,
  createProduct,
  createShoppers,
  defineCoupon,
  grant,
  seedAdmin,
  setLine,
  signUp,
  tokenFor,
  withServices,
} from "../../test/support/shop.ts";
import { openSocket } from "../../test/support/sockets.ts";
import { signAccessToken, signTicket } from "../../worker/lib/tokens.ts";
import { dashboardMessageSchema, shopperMessageSchema } from "../messages.ts";

async function ticketFor(token: string) {
  const result = await call("/realtime/ticket", { method: "POST", token });
  expect(result.status).toBe(200);
  return result.body.ticket as string;
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
    expect((await call("/realtime/ticket", { method: "POST" })).status).toBe(401);
  });

  it("pushes a granted coupon, then, when its alarm fires at expiry, the list without it", async () => {
    const [shopper] = await createShoppers(1);
    const socket = await shopperSocket(shopper.id, shopper.token);
    await socket.next("snapshot");
    const code = await grant((await defineCoupon({ validFor: "PT10M" })).id, shopper.id);
    const granted = await socket.next("coupons");
    expect(granted.coupons.map((c: any) => c.code)).toEqual([code]);

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
    await call("/auth/logout", { body: { refreshToken: account.refreshToken } });
    await socket.until(() => socket.closed() !== undefined, "the logout close");
    expect(socket.closed()).toEqual({ code: 4001, reason: "signed out" });

    const other = await signUp();
    const again = await shopperSocket(other.user.id, other.accessToken);
    await again.next("snapshot");
    await call(`/admin/users/${other.user.id}`, {
      method: "PATCH",
      body: { active: false },
      token: await tokenFor(seedAdmin, "admin"),
    });
    await again.until(() => again.closed() !== undefined, "the deactivation close");
    expect(again.closed()?.code).toBe(4001);
  });
});

describe("sessions that ended", () => {
  it("after sign-out, refuses the session's access token at once and closes a socket opened with a ticket issued before it", async () => {
    const account = await signUp();
    expect((await call("/me", { token: account.accessToken })).status).toBe(200);
    const earlierTicket = await ticketFor(account.accessToken);
    const other = await call("/auth/login", { body: { username: account.user.username, password: account.password } });
    expect(other.status).toBe(200);

    expect((await call("/auth/logout", { body: { refreshToken: account.refreshToken } })).status).toBe(204);
    const refused = await call("/me", { token: account.accessToken });
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe("invalid_token");
    expect((await call("/realtime/ticket", { method: "POST", token: account.accessToken })).status).toBe(401);

    const late = await openSocket(`/parties/shopper/${account.user.id}?ticket=${earlierTicket}`, shopperMessageSchema);
    if (!late.socket) throw new Error(`refused before the upgrade: ${late.status}`);
    await late.until(() => late.closed() !== undefined, "the close");
    expect(late.closed()).toEqual({ code: 4001, reason: "session ended" });
    expect(late.received.filter((m) => m.type === "snapshot")).toEqual([]);

    // The account's other session is untouched.
    expect((await call("/me", { token: other.body.accessToken })).status).toBe(200);
    const mine = await shopperSocket(account.user.id, other.body.accessToken);
    await mine.next("snapshot");
    mine.socket.close();
  });

  it("closes a demoted staff member's dashboard socket, and their tickets from before the change open nothing", async () => {
    const admin = await tokenFor(seedAdmin, "admin");
    const username = `staff-${crypto.randomUUID()}@example.com`;
    const created = await call("/admin/users", {
      token: admin,
      body: { username, password: "correct-horse-battery", role: "staff" },
    });
    expect(created.status).toBe(201);
    const session = await call("/auth/login", { body: { username, password: "correct-horse-battery" } });
    const staffToken = session.body.accessToken as string;
    const watching = await openSocket(
      `/parties/dashboard/main?ticket=${await ticketFor(staffToken)}`,
      dashboardMessageSchema,
    );
    if (!watching.socket) throw new Error("dashboard refused");
    await watching.next("snapshot");
    const spareTicket = await ticketFor(staffToken);

    const demoted = await call(`/admin/users/${created.body.id}`, {
      method: "PATCH",
      token: admin,
      body: { role: "customer" },
    });
    expect(demoted.body.role).toBe("customer");
    await watching.until(() => watching.closed() !== undefined, "the close on demotion");
    expect(watching.closed()).toEqual({ code: 4001, reason: "role changed" });

    // A ticket issued while they were staff: the room's check refuses it (the stats it holds are fresh).
    const late = await openSocket(`/parties/dashboard/main?ticket=${spareTicket}`, dashboardMessageSchema);
    if (!late.socket) throw new Error(`refused before the upgrade: ${late.status}`);
    await late.until(() => late.closed() !== undefined, "the close");
    expect(late.closed()?.code).toBe(4001);
    expect(late.received).toEqual([]);

    // After a refresh they are a customer, whose tickets the dashboard refuses before the upgrade.
    const refreshed = await call("/auth/refresh", { body: { refreshToken: session.body.refreshToken } });
    expect(refreshed.body.user.role).toBe("customer");
    const again = await openSocket(
      `/parties/dashboard/main?ticket=${await ticketFor(refreshed.body.accessToken)}`,
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
    const order = (await checkoutAs(shopper.token, { shippingAddress: address })).body;
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
      () => dashboard.received.some((m: any) => m.type === "order" && m.order.id === order.id),
      "the new order",
    );

    const started = await call(`/orders/${order.id}/payment`, { method: "POST", token: shopper.token });
    await call(`/sandbox/pay/${started.body.redirectUrl.split("/").at(-1)}`, { body: { outcome: "success" } });
    await mine.until(
      () => mine.received.some((m: any) => m.type === "order" && m.order.status === "paid"),
      "the paid order (shopper)",
    );
    await dashboard.until(
      () => dashboard.received.some((m: any) => m.type === "order" && m.order.status === "paid"),
      "the paid order (dashboard)",
    );
    // Revenue counts paid orders: the stats pushed after the payment include this one.
    await dashboard.until(
      () => dashboard.received.some((m: any) => m.type === "stats" && m.stats.revenueToday >= order.total),
      "stats with the revenue",
    );
    const versions = dashboard.received.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    dashboard.socket.close();
    mine.socket.close();
  });

  it("answers GET /admin/stats to staff only", async () => {
    const [shopper] = await createShoppers(1);
    expect((await call("/admin/stats", { token: shopper.token })).status).toBe(403);
    const stats = await call("/admin/stats", { token: await tokenFor(seedAdmin, "admin") });
    expect(stats.body).toEqual({
      ordersToday: expect.any(Number),
      revenueToday: expect.any(Number),
      pendingOrders: expect.any(Number),
      lowStockCount: expect.any(Number),
      activeShoppers: expect.any(Number),
      currency: "USD",
    });
  });
});
