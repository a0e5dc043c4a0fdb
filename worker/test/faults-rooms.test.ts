import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { type ShopperMessage, shopperMessageSchema } from "../../realtime/messages.ts";
import { answer, client, expectStatus } from "../../test/support/client.ts";
import { type RoomClient, roomClient, WorkerWebSocket } from "../../test/support/party-client.ts";
import { createProduct, createShoppers, setVariantLine } from "../../test/support/shop.ts";

/**
 * A shopper room's Durable Object is evicted while its clients are connected: restarted with its
 * sockets closed (a deploy, a crash), or hibernated with its sockets kept. Clients are partysocket, as
 * in the web app, applying messages by the web app's rule (web/src/lib/live.ts): a snapshot always,
 * anything else only when newer than what was applied.
 */
type Client = RoomClient<ShopperMessage>;

const ticketOf = (token: string) => async () => {
  const issued = expectStatus(await answer(client({ token }).realtime.ticket.$post()), 200);
  return { ticket: issued.ticket };
};

/** What a client shows: the cart of the last fresh message, and how many snapshots it took. */
function viewOf(client: Client) {
  let applied = -1;
  let cart: unknown;
  let snapshots = 0;
  for (const message of client.received) {
    if (message.type !== "snapshot" && message.version <= applied) continue;
    applied = message.version;
    if (message.type === "snapshot") snapshots += 1;
    if (message.type === "snapshot" || message.type === "cart") cart = message.cart;
  }
  return { cart, snapshots, applied };
}

/** Marks the room's running instance, to tell afterwards whether the same one still runs. */
const mark = (room: DurableObjectStub, value: string | undefined) =>
  runInDurableObject(room, (instance: object) => {
    const seen = (instance as { faultMark?: string }).faultMark;
    if (value !== undefined) (instance as { faultMark?: string }).faultMark = value;
    return seen;
  });

/** A shopper with `count` connected clients, each past its first snapshot; `close()` ends them all. */
async function shopperWithClients(count: number) {
  const [shopper] = await createShoppers(1);
  const products = await Promise.all([1, 2, 3].map(() => createProduct({ stock: 20 })));
  await setVariantLine(shopper.token, products[0].variantId, 1);
  const devices = Array.from({ length: count }, () =>
    roomClient("shopper", shopper.id, ticketOf(shopper.token), (data) => shopperMessageSchema.parse(data)),
  );
  const close = () => {
    WorkerWebSocket.unreachable.delete(shopper.id);
    for (const device of devices) device.socket.close();
  };
  try {
    for (const device of devices) await device.until(() => viewOf(device).snapshots === 1, "the first snapshot");
  } catch (error) {
    close();
    throw error;
  }
  const room = env.Shopper.get(env.Shopper.idFromName(shopper.id));
  return { shopper, products, devices, room, close };
}

const cartNow = async (token: string) => expectStatus(await answer(client({ token }).cart.$get()), 200);

// Concurrently: an eviction waits out the runtime's drain of the sockets' requests (about 5 s).
describe.concurrent("a shopper room's Durable Object evicted while clients are connected", () => {
  it("restarted, its sockets closed: every client reconnects, takes a fresh snapshot, and no cart change made meanwhile is missing", async () => {
    const { shopper, products, devices, room, close } = await shopperWithClients(3);
    try {
      expect(await mark(room, "before")).toBeUndefined();
      const lastSeen = Math.max(...devices.map((d) => viewOf(d).applied));

      // The shop is out of reach for the clients while the room restarts and the cart changes elsewhere.
      WorkerWebSocket.unreachable.add(shopper.id);
      await evictDurableObject(room, { webSockets: "close" });
      for (const device of devices) await device.until(() => device.closes.length > 0, "the close");
      const changes = [
        await setVariantLine(shopper.token, products[1].variantId, 2),
        await setVariantLine(shopper.token, products[0].variantId, 3),
        await setVariantLine(shopper.token, products[2].variantId, 1),
        await setVariantLine(shopper.token, products[1].variantId, 0),
      ];
      for (const change of changes) expect(change.status).toBe(200);
      const expected = await cartNow(shopper.token);
      expect(expected.items).toHaveLength(2);
      for (const device of devices) expect(device.opens).toBe(1);
      WorkerWebSocket.unreachable.delete(shopper.id);

      for (const device of devices) {
        await device.until(
          () => device.opens === 2 && viewOf(device).snapshots === 2,
          "a reconnect with a fresh snapshot",
        );
      }
      expect(await mark(room, undefined)).toBeUndefined();
      for (const device of devices) {
        const view = viewOf(device);
        expect(view.cart).toEqual(expected);
        // The room's versions survived the restart: a client that drops stale messages drops none of the new ones.
        expect(view.applied).toBeGreaterThanOrEqual(lastSeen);
      }
      console.log(
        `room restart: ${devices.length} clients closed (codes ${[...new Set(devices.map((d) => d.closes[0].code))].join(", ")}), reconnected, fresh snapshots with all ${changes.length} changes made meanwhile`,
      );

      // The restarted room relays the next change to every client.
      const next = await setVariantLine(shopper.token, products[2].variantId, 4);
      for (const device of devices)
        await device.until(() => JSON.stringify(viewOf(device).cart) === JSON.stringify(next.body), "the next change");
    } finally {
      close();
    }
  });

  it("hibernated, its sockets kept: the room wakes for each change and every client receives each one, none dropped as stale", async () => {
    const { shopper, products, devices, room, close } = await shopperWithClients(2);
    try {
      expect(await mark(room, "before")).toBeUndefined();
      const lastSeen = Math.max(...devices.map((d) => viewOf(d).applied));

      await evictDurableObject(room);
      const changes = [
        await setVariantLine(shopper.token, products[1].variantId, 2),
        await setVariantLine(shopper.token, products[2].variantId, 5),
        await setVariantLine(shopper.token, products[0].variantId, 0),
      ];
      const expected = await cartNow(shopper.token);
      for (const device of devices) {
        await device.until(
          () => device.received.filter((m) => m.type === "cart").length === changes.length,
          "every change",
        );
        const carts = device.received.filter((m) => m.type === "cart");
        expect(carts.map((m) => m.version)).toEqual([lastSeen + 1, lastSeen + 2, lastSeen + 3]);
        expect(viewOf(device).cart).toEqual(expected);
        expect(device.opens).toBe(1);
        expect(device.closes).toEqual([]);
      }
      // A new instance woke for the hibernated sockets; the old one is gone.
      expect(await mark(room, undefined)).toBeUndefined();
      devices[0].socket.send(JSON.stringify({ type: "ping" }));
      await devices[0].until(() => devices[0].received.some((m) => m.type === "pong"), "the pong");
      console.log(
        `room hibernation: ${devices.length} clients kept their sockets and received all ${changes.length} changes`,
      );
    } finally {
      close();
    }
  });
});
