import type autocannon from "autocannon";
import type { Purchasable, Shopper } from "./dataset.ts";
import type { FloorKind } from "./floor.ts";
import type { LoadSpec } from "./load.ts";

/** What the request scenarios work with at one shop. */
export interface ScenarioWorld {
  api: string;
  slugs: string[];
  searchTerms: string[];
  /** Shoppers with a cart of their own, and what each of them adds to it. */
  shoppers: Shopper[];
  unitsOf: Map<string, Purchasable[]>;
}

/** A scenario measured for a duration at a number of connections, with the floor it is compared to. */
export interface RequestScenario {
  name: string;
  title: string;
  floor: FloorKind;
  /** Whether its responses must come from the edge cache, or never (checked after the run); else as it happens. */
  cache?: "hit" | "miss";
  spec(world: ScenarioWorld): Omit<LoadSpec, "durationS" | "amount" | "connections">;
}

const random = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)];
/** A query parameter no two requests share: the edge cache never has the answer, so it comes from Postgres. */
let uncached = 0;
const fresh = () => `bench=${++uncached}`;

/** Each connection acts as its own shopper (its own token, its own cart). */
const asShoppers = (world: ScenarioWorld) => {
  let next = 0;
  return (client: autocannon.Client) => {
    const shopper = world.shoppers[next++ % world.shoppers.length];
    client.setHeaders({ authorization: `Bearer ${shopper.token}`, "content-type": "application/json" });
  };
};

export const requestScenarios: RequestScenario[] = [
  {
    name: "catalog-list-cache-hit",
    title: "catalog list, anonymous, edge-cache hit",
    floor: "list",
    cache: "hit",
    spec: (world) => ({ url: `${world.api}/products` }),
  },
  {
    name: "catalog-list-cache-miss",
    title: "catalog list, anonymous, edge-cache miss",
    floor: "list",
    cache: "miss",
    spec: (world) => ({
      url: `${world.api}/products`,
      setupRequest: (req) => ({ ...req, path: `/api/v1/products?${fresh()}` }),
    }),
  },
  {
    name: "catalog-list-signed-in",
    title: "catalog list, signed in",
    floor: "list",
    cache: "miss",
    spec: (world) => ({ url: `${world.api}/products`, setupClient: asShoppers(world) }),
  },
  {
    // As a client asks: the edge cache serves the products it has seen lately (the row says how many).
    name: "product-detail",
    title: "product detail, random of 500",
    floor: "detail",
    spec: (world) => ({
      url: `${world.api}/products/${world.slugs[0]}`,
      setupRequest: (req) => ({ ...req, path: `/api/v1/products/${random(world.slugs)}` }),
    }),
  },
  {
    // The long tail: every search is one the edge cache has not seen.
    name: "search",
    title: "search, uncached",
    floor: "search",
    cache: "miss",
    spec: (world) => ({
      url: `${world.api}/products`,
      setupRequest: (req) => ({
        ...req,
        path: `/api/v1/products?q=${encodeURIComponent(random(world.searchTerms))}&${fresh()}`,
      }),
    }),
  },
  {
    name: "add-to-cart",
    title: "add to cart, own cart each",
    floor: "roundTrip",
    spec: (world) => ({
      url: `${world.api}/cart`,
      method: "PUT",
      setupClient: asShoppers(world),
      // The connection's token says whose cart it is; that shopper sets one of their products' quantity.
      setupRequest: (req) => {
        const token = String((req.headers as Record<string, string> | undefined)?.authorization ?? "").slice(7);
        const units = world.unitsOf.get(token);
        if (!units) return req;
        return {
          ...req,
          path: `/api/v1${random(units).path}`,
          body: JSON.stringify({ quantity: 1 + Math.floor(Math.random() * 3) }),
        };
      },
    }),
  },
];

export const checkoutAddress = {
  name: "Ada Shopper",
  line1: "1 Market Street",
  city: "Springfield",
  postalCode: "12345",
  country: "US",
};
