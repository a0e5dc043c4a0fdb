import { describe, expect, it } from "vitest";
import { shopperMessageSchema } from "../../../realtime/messages.ts";
import { isFresh } from "./rooms.ts";

describe("the live client", () => {
  it("drops messages no newer than the last applied, but always takes a snapshot", () => {
    expect(isFresh({ type: "cart", version: 5 }, 4)).toBe(true);
    expect(isFresh({ type: "cart", version: 4 }, 4)).toBe(false);
    expect(isFresh({ type: "order", version: 2 }, 7)).toBe(false);
    expect(isFresh({ type: "snapshot", version: 3 }, 7)).toBe(true);
  });

  it("validates room messages with the rooms' own schema", () => {
    const cart = { items: [], subtotal: 0, shipping: 0, itemCount: 0, currency: "USD", version: 1 };
    expect(shopperMessageSchema.safeParse({ type: "cart", version: 1, cart }).success).toBe(true);
    expect(shopperMessageSchema.safeParse({ type: "cart", version: "1", cart }).success).toBe(false);
    expect(shopperMessageSchema.safeParse({ type: "cart", version: 1, cart: { hacked: true } }).success).toBe(false);
    expect(shopperMessageSchema.safeParse({ type: "takeover", version: 1 }).success).toBe(false);
  });
});

describe("zod in the web app", () => {
  it("runs jitless once the entry's setting is in place, so a strict Content-Security-Policy refuses nothing", async () => {
    await import("./zod-jitless.ts");
    const { config } = await import("zod");
    expect(config().jitless).toBe(true);
  });
});
