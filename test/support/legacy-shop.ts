/**
 * A shop as it stood before product variants (schema of migration 0003): products holding their own
 * money and stock, carts, a pending order still holding stock, a paid one with its payment, an
 * expired one whose stock must come back, a coupon used and granted. The migration test writes it,
 * migrates, and reads it all back through the API.
 */
const id = (n: number) => `00000000-0000-4000-8000-0099${String(n).padStart(8, "0")}`;

export const legacy = {
  alice: { id: id(1), email: "legacy-alice@example.com" },
  bob: { id: id(2), email: "legacy-bob@example.com" },
  admin: { id: id(3), email: "legacy-admin@example.com" },
  lamp: { id: id(11), slug: "legacy-lamp", stock: 7 },
  mug: { id: id(12), slug: "legacy-mug", stock: 0 },
  retired: { id: id(13), slug: "legacy-retired", stock: 4 },
  aliceCart: id(21),
  bobCart: id(22),
  coupon: id(31),
  aliceGrant: { id: id(32), code: "LEGACY-ALICE" },
  bobGrant: { id: id(33), code: "LEGACY-BOB" },
  pendingOrder: id(41),
  paidOrder: id(42),
  expiredOrder: id(43),
  payment: id(51),
} as const;

/** Tables whose rows the migration must keep, counted before and after it. */
export const keptTables = [
  "users",
  "products",
  "product_images",
  "carts",
  "cart_items",
  "coupons",
  "user_coupons",
  "orders",
  "order_items",
  "order_events",
  "payments",
  "payment_history",
  "wishlist_items",
  "ratings",
] as const;

const address = `'{"name":"Ada Legacy","line1":"1 Old Road","city":"Springfield","postalCode":"12345","country":"US"}'::jsonb`;

export const legacyShopSql = `
INSERT INTO users (id, username, email, is_email_verified, role) VALUES
  ('${legacy.alice.id}', '${legacy.alice.email}', '${legacy.alice.email}', true, 'customer'),
  ('${legacy.bob.id}', '${legacy.bob.email}', '${legacy.bob.email}', true, 'customer'),
  ('${legacy.admin.id}', '${legacy.admin.email}', '${legacy.admin.email}', true, 'admin');

INSERT INTO products (id, slug, name, description, price, old_price, discount, shipping_amount, stock_qty, low_stock_threshold, is_active) VALUES
  ('${legacy.lamp.id}', '${legacy.lamp.slug}', 'Legacy Lamp', 'A lamp sold before variants.', 2500, 2500, 500, 300, ${legacy.lamp.stock}, 3, true),
  ('${legacy.mug.id}', '${legacy.mug.slug}', 'Legacy Mug', 'Sold out.', 1200, NULL, 0, 0, ${legacy.mug.stock}, 5, true),
  ('${legacy.retired.id}', '${legacy.retired.slug}', 'Legacy Retired', 'No longer sold.', 900, NULL, 0, 0, ${legacy.retired.stock}, 5, false);
INSERT INTO product_images (product_id, url, alt) VALUES ('${legacy.lamp.id}', '/demo/kettle-1.svg', 'Legacy Lamp');

INSERT INTO carts (id, user_id, version) VALUES ('${legacy.aliceCart}', '${legacy.alice.id}', 3), ('${legacy.bobCart}', '${legacy.bob.id}', 1);
INSERT INTO cart_items (cart_id, product_id, quantity) VALUES
  ('${legacy.aliceCart}', '${legacy.lamp.id}', 2),
  ('${legacy.bobCart}', '${legacy.lamp.id}', 1),
  ('${legacy.bobCart}', '${legacy.mug.id}', 1);

INSERT INTO coupons (id, title, kind, value, valid_for, used_count) VALUES ('${legacy.coupon}', 'Legacy ten', 'percent', 10, interval '7 days', 1);
INSERT INTO user_coupons (id, coupon_id, user_id, code, expires_at, uses) VALUES
  ('${legacy.aliceGrant.id}', '${legacy.coupon}', '${legacy.alice.id}', '${legacy.aliceGrant.code}', now() + interval '7 days', 1),
  ('${legacy.bobGrant.id}', '${legacy.coupon}', '${legacy.bob.id}', '${legacy.bobGrant.code}', now() + interval '7 days', 0);

-- A pending order holding 3 lamps, a paid one with a coupon, and an expired one holding 2 mugs.
INSERT INTO orders (id, user_id, status, currency, subtotal, discount, shipping, shipping_address, idempotency_key, request_hash, expires_at, coupon_code, user_coupon_id) VALUES
  ('${legacy.pendingOrder}', '${legacy.alice.id}', 'pending_payment', 'USD', 6000, 0, 900, ${address}, 'legacy-1', 'x', now() + interval '15 minutes', NULL, NULL),
  ('${legacy.paidOrder}', '${legacy.alice.id}', 'paid', 'USD', 2000, 200, 300, ${address}, 'legacy-2', 'x', now() - interval '1 day', '${legacy.aliceGrant.code}', '${legacy.aliceGrant.id}'),
  ('${legacy.expiredOrder}', '${legacy.bob.id}', 'pending_payment', 'USD', 2400, 0, 0, ${address}, 'legacy-3', 'x', now() - interval '1 hour', NULL, NULL);
INSERT INTO order_items (order_id, product_id, name, unit_price, shipping_amount, quantity) VALUES
  ('${legacy.pendingOrder}', '${legacy.lamp.id}', 'Legacy Lamp', 2000, 300, 3),
  ('${legacy.paidOrder}', '${legacy.lamp.id}', 'Legacy Lamp', 2000, 300, 1),
  ('${legacy.expiredOrder}', '${legacy.mug.id}', 'Legacy Mug', 1200, 0, 2);
INSERT INTO order_events (order_id, status, actor_kind, actor_id, created_at) VALUES
  ('${legacy.pendingOrder}', 'pending_payment', 'customer', '${legacy.alice.id}', now() - interval '1 minute'),
  ('${legacy.paidOrder}', 'pending_payment', 'customer', '${legacy.alice.id}', now() - interval '2 days'),
  ('${legacy.paidOrder}', 'paid', 'gateway', NULL, now() - interval '1 day'),
  ('${legacy.expiredOrder}', 'pending_payment', 'customer', '${legacy.bob.id}', now() - interval '2 hours');
INSERT INTO payments (id, order_id, gateway, authority, amount, currency, transaction_id, status, paid_at) VALUES
  ('${legacy.payment}', '${legacy.paidOrder}', 'sandbox', 'SBX-LEGACY', 2100, 'USD', 'TX-LEGACY', 'succeeded', now() - interval '1 day');
INSERT INTO payment_history (payment_id, gateway, event_id, outcome, payload) VALUES
  ('${legacy.payment}', 'sandbox', 'legacy-event', 'processed', '{"authority":"SBX-LEGACY","outcome":"success"}');

INSERT INTO wishlist_items (user_id, product_id) VALUES ('${legacy.alice.id}', '${legacy.mug.id}');
INSERT INTO ratings (user_id, product_id, vote, text, is_approved) VALUES ('${legacy.bob.id}', '${legacy.lamp.id}', 4, 'Warm light.', true);
`;

/** The migrated legacy database the worker tests' setup provides (test/setup/legacy-database.ts). */
export interface LegacyDatabase {
  url: string;
  /** Rows per table on the old schema, and after the migrations that followed it. */
  before: Record<string, number>;
  after: Record<string, number>;
}

declare module "vitest" {
  export interface ProvidedContext {
    legacyDatabase: LegacyDatabase;
  }
}
