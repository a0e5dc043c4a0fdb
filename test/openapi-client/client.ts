import type { paths } from "./generated/openapi.ts";

/**
 * What a third party writes against the generated types: a typed call of each kind the shop's
 * clients make. It must compile against the document the shop serves.
 */
type Json<P extends keyof paths, M extends keyof paths[P], S extends number> = paths[P][M] extends {
  responses: { [status in S]: { content: { "application/json": infer Body } } };
}
  ? Body
  : never;

type Products = Json<"/products", "get", 200>;
type Order = Json<"/checkout", "post", 201>;
type Failure = Json<"/checkout", "post", 409>;
type CheckoutBody = paths["/checkout"]["post"]["requestBody"] extends
  | { content: { "application/json": infer Body } }
  | undefined
  ? Body
  : never;

export const cheapest = (list: Products): number | undefined =>
  list.items.map((product) => product.actualPrice).sort((a, b) => a - b)[0];

export const owed = (order: Order): string => `${order.total} ${order.currency} for order ${order.id}`;

export const why = (failure: Failure): string => `${failure.error.code}: ${failure.error.message}`;

export const body: CheckoutBody = {
  shippingAddress: {
    name: "Ada Buyer",
    line1: "1 Market Street",
    city: "Springfield",
    postalCode: "12345",
    country: "US",
  },
};
