import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { type CatalogMessage, catalogMessageSchema, maxClientFrameBytes } from "../messages.ts";
import { publishPromotions, publishToCatalog } from "../notify.ts";

const product = "00000000-0000-4000-8000-000300000001";

/** A socket opened through the worker's own router, collecting validated messages. */
async function connect(path = `/parties/catalog/${product}`) {
  const response = await exports.default.fetch(`http://shop.test${path}`, { headers: { Upgrade: "websocket" } });
  expect(response.status).toBe(101);
  const socket = response.webSocket as WebSocket;
  socket.accept();
  const received: CatalogMessage[] = [];
  const waiters: (() => void)[] = [];
  let closed: { code: number } | undefined;
  socket.addEventListener("message", (event) => {
    received.push(catalogMessageSchema.parse(JSON.parse(String(event.data))));
    for (const wake of waiters.splice(0)) wake();
  });
  socket.addEventListener("close", (event) => {
    closed = { code: event.code };
    for (const wake of waiters.splice(0)) wake();
  });
  const until = async (predicate: () => boolean) => {
    const deadline = Date.now() + 5_000;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`timed out; received ${JSON.stringify(received)}`);
      await new Promise<void>((wake) => {
        waiters.push(wake);
        setTimeout(wake, 100);
      });
    }
  };
  return { socket, received, until, closed: () => closed };
}

describe("catalog room", () => {
  it("welcomes a socket, then relays what the worker publishes after a commit to every socket", async () => {
    const first = await connect();
    const second = await connect();
    await first.until(() => first.received.length === 1);
    await second.until(() => second.received.length === 1);
    expect(first.received[0].type).toBe("welcome");

    const before = first.received[0].version;
    await publishToCatalog(env, {
      type: "stock",
      productId: "00000000-0000-4000-8000-000300000001",
      variantId: "00000000-0000-4000-8000-000300000101",
      stockQty: 24,
    });

    for (const client of [first, second]) {
      await client.until(() => client.received.length === 2);
      expect(client.received[1]).toEqual({
        type: "stock",
        version: before + 1,
        productId: "00000000-0000-4000-8000-000300000001",
        variantId: "00000000-0000-4000-8000-000300000101",
        stockQty: 24,
      });
    }
    first.socket.close();
    second.socket.close();
  });

  it("answers garbage with an error message and keeps serving other sockets", async () => {
    const noisy = await connect();
    const quiet = await connect();
    await noisy.until(() => noisy.received.length === 1);
    noisy.socket.send("{ this is not json");
    await noisy.until(() => noisy.received.length === 2);
    expect(noisy.received[1]).toMatchObject({ type: "error", code: "bad_message" });

    await publishToCatalog(env, {
      type: "stock",
      productId: product,
      variantId: "00000000-0000-4000-8000-000300000102",
      stockQty: 3,
    });
    await quiet.until(() => quiet.received.some((m) => m.type === "stock"));
    noisy.socket.close();
    quiet.socket.close();
  });

  it("closes a socket that sends an oversized frame, and only that one", async () => {
    const loud = await connect();
    const other = await connect();
    await loud.until(() => loud.received.length === 1);
    loud.socket.send("x".repeat(maxClientFrameBytes + 1));
    await loud.until(() => loud.closed() !== undefined);
    expect(loud.closed()?.code).toBe(1009);

    await publishToCatalog(env, {
      type: "stock",
      productId: product,
      variantId: "00000000-0000-4000-8000-000300000103",
      stockQty: 7,
    });
    await other.until(() => other.received.some((m) => m.type === "stock"));
    other.socket.close();
  });

  it("is one room per product: a product's sockets hear its stock only, and a name that is no product id opens nothing", async () => {
    const mine = await connect();
    const theirs = await connect("/parties/catalog/00000000-0000-4000-8000-000300000009");
    await mine.until(() => mine.received.length === 1);
    await theirs.until(() => theirs.received.length === 1);
    await publishToCatalog(
      env,
      { type: "stock", productId: product, variantId: "00000000-0000-4000-8000-000300000101", stockQty: 1 },
      {
        type: "stock",
        productId: "00000000-0000-4000-8000-000300000009",
        variantId: "00000000-0000-4000-8000-000300000109",
        stockQty: 9,
      },
    );
    await mine.until(() => mine.received.length === 2);
    await theirs.until(() => theirs.received.length === 2);
    await new Promise((wait) => setTimeout(wait, 200));
    expect(mine.received.filter((m) => m.type === "stock").map((m) => m.stockQty)).toEqual([1]);
    expect(theirs.received.filter((m) => m.type === "stock").map((m) => m.stockQty)).toEqual([9]);
    mine.socket.close();
    theirs.socket.close();
    const main = await exports.default.fetch("http://shop.test/parties/catalog/main", {
      headers: { Upgrade: "websocket" },
    });
    expect(main.status).toBe(404);
    expect(await main.json()).toMatchObject({ error: { code: "not_found" } });
  });

  it("answers an unknown room with the API's JSON 404", async () => {
    const response = await exports.default.fetch("http://shop.test/parties/nope/main", {
      headers: { Upgrade: "websocket" },
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: "not_found" } });
  });

  it("tells every open cart in the promotions room that the shop's promotions changed", async () => {
    const cart = await connect("/parties/catalog/promotions");
    await cart.until(() => cart.received.length === 1);
    expect(cart.received[0].type).toBe("welcome");
    await publishPromotions(env, { type: "promotions", changedAt: 1_700_000_000_000 });
    await cart.until(() => cart.received.length === 2);
    expect(cart.received[1]).toEqual({
      type: "promotions",
      version: cart.received[0].version + 1,
      changedAt: 1_700_000_000_000,
    });
  });
});
