import { Client } from "@neondatabase/serverless";
import { afterEach, describe, expect, it } from "vitest";
import {
  address,
  createProduct,
  createShoppers,
  defineCoupon,
  grant,
  setLine,
  withActor,
  withServices,
} from "../../test/support/shop.ts";
import { productQuerySchema } from "../schemas/catalog.ts";
import { listProducts } from "../services/catalog.service.ts";
import { checkout } from "../services/checkout.service.ts";

/** Counts the statements the Neon driver sends (each one a round trip), BEGIN and COMMIT included. */
const original = Client.prototype.query;
let statements: string[] = [];
function countStatements() {
  statements = [];
  Client.prototype.query = function (this: Client, ...args: Parameters<Client["query"]>) {
    const text = typeof args[0] === "string" ? args[0] : (args[0] as { text?: string })?.text;
    statements.push(String(text).trim().split(/\s+/).slice(0, 3).join(" "));
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as Client["query"];
}
afterEach(() => {
  Client.prototype.query = original;
});

describe("database round trips", () => {
  it("lists a page of products, with filters, sort and rating summary, in one statement", async () => {
    await withServices(async (ctx) => {
      countStatements();
      await listProducts(
        ctx,
        productQuerySchema.parse({
          q: "phone",
          category: "electronics",
          minPrice: "100",
          inStock: "true",
          sort: "rating",
          limit: "10",
        }),
      );
      console.log(`product list: ${statements.length} statement(s)`);
      expect(statements).toHaveLength(1);
    });
  });

  it("checks out with a coupon in 11 statements, BEGIN and COMMIT included", async () => {
    const [shopper] = await createShoppers(1);
    await setLine(shopper.token, (await createProduct({ stock: 5 })).id, 2);
    const code = await grant((await defineCoupon({ value: 10 })).id, shopper.id);
    await withActor(shopper.id, async (ctx) => {
      countStatements();
      await checkout(ctx, { couponCode: code, shippingAddress: address }, crypto.randomUUID());
      // Only the checkout's transaction: pushes of earlier requests may still be reading on their own connections.
      const own = statements.slice(statements.indexOf("begin"), statements.lastIndexOf("commit") + 1);
      console.log(`checkout: ${own.length} statements: ${own.join(" | ")}`);
      expect(own).toHaveLength(11);
    });
  });
});
