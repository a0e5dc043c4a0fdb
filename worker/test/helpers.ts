// The shared test helpers live in test/support/shop.ts; this name stays while older imports move.
export * from "../../test/support/shop.ts";
