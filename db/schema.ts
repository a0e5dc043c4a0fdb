import { type SQL, sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { isoInterval } from "./iso-interval.ts";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

const id = () => uuid("id").primaryKey().defaultRandom();
const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();
/** Money is an integer amount of the currency's minor unit (cents). */
const money = (name: string) => integer(name);

export const userRole = pgEnum("user_role", ["customer", "staff", "admin"]);
export const commentKind = pgEnum("comment_kind", ["suggestion", "criticism"]);
export const couponKind = pgEnum("coupon_kind", ["percent", "fixed"]);
export const orderStatus = pgEnum("order_status", [
  "pending_payment",
  "paid",
  "processing",
  "shipped",
  "delivered",
  "canceled",
  "refunded",
]);
export const paymentGateway = pgEnum("payment_gateway", ["sandbox", "stripe"]);
/**
 * A payment attempt: `pending` while its gateway session is open, `expired` once the shop closed it
 * (the order was canceled or its reservation ran out, or a newer attempt replaced it), `refund_pending`
 * while money taken must go back (retried until its gateway confirms), then `refunded`.
 */
export const paymentStatus = pgEnum("payment_status", [
  "pending",
  "succeeded",
  "failed",
  "refund_pending",
  "refunded",
  "expired",
]);
export const actorKind = pgEnum("actor_kind", ["customer", "staff", "system", "gateway"]);

export const users = pgTable(
  "users",
  {
    id: id(),
    username: text("username").notNull().unique(),
    email: text("email").unique(),
    phone: text("phone").unique(),
    isEmailVerified: boolean("is_email_verified").notNull().default(false),
    isPhoneVerified: boolean("is_phone_verified").notNull().default(false),
    passwordHash: text("password_hash"),
    role: userRole("role").notNull().default("customer"),
    active: boolean("is_active").notNull().default(true),
    /** The name shown on the customer's public reviews and comments; a neutral fallback when null. */
    displayName: text("display_name"),
    /** Grows when every session must end at once (reset, deactivation, sign out everywhere); tokens carry it. */
    sessionEpoch: integer("session_epoch").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("users_username_is_email_or_phone", sql`${t.username} = ${t.email} OR ${t.username} = ${t.phone}`),
    check("users_display_name_length", sql`char_length(${t.displayName}) BETWEEN 1 AND 40`),
    // Emails compare case-insensitively: stored lower-cased, so the unique constraints hold for any case.
    check("users_email_lower_case", sql`${t.email} = lower(${t.email})`),
    index("users_role_idx").on(t.role),
  ],
);

export const refreshTokens = pgTable(
  "refresh_tokens",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    familyId: uuid("family_id").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    rotatedAt: timestamp("rotated_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("refresh_tokens_user_idx").on(t.userId), index("refresh_tokens_family_idx").on(t.familyId)],
);

export const categories = pgTable(
  "categories",
  {
    id: id(),
    slug: text("slug").notNull().unique(),
    name: text("name").notNull(),
    parentId: uuid("parent_id").references((): AnyPgColumn => categories.id, { onDelete: "restrict" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("categories_parent_idx").on(t.parentId),
    check("categories_not_own_parent", sql`${t.parentId} <> ${t.id}`),
  ],
);

export const brands = pgTable("brands", {
  id: id(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  createdAt: createdAt(),
});

export const products = pgTable(
  "products",
  {
    id: id(),
    slug: text("slug").notNull().unique(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    categoryId: uuid("category_id").references(() => categories.id, { onDelete: "set null" }),
    brandId: uuid("brand_id").references(() => brands.id, { onDelete: "set null" }),
    active: boolean("is_active").notNull().default(true),
    searchVector: tsvector("search_vector")
      .notNull()
      .generatedAlwaysAs(
        (): SQL =>
          sql`setweight(to_tsvector('english', ${products.name}), 'A') || setweight(to_tsvector('english', ${products.description}), 'B')`,
      ),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("products_newest_idx").on(t.createdAt.desc(), t.id.desc()),
    index("products_category_idx").on(t.categoryId),
    index("products_brand_idx").on(t.brandId),
    index("products_search_idx").using("gin", t.searchVector),
    index("products_name_trgm_idx").using("gin", sql`${t.name} gin_trgm_ops`),
  ],
);

/** A product's options (Size, Colour…): at most three, each with its values in the order shoppers see them. */
export const productOptions = pgTable(
  "product_options",
  {
    id: id(),
    productId: uuid("product_id")
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    values: text("values").array().notNull(),
    position: integer("position").notNull().default(0),
  },
  (t) => [
    unique("product_options_name_per_product").on(t.productId, t.name),
    check("product_options_values_present", sql`cardinality(${t.values}) BETWEEN 1 AND 50`),
    check("product_options_position_range", sql`${t.position} BETWEEN 0 AND 2`),
    index("product_options_product_idx").on(t.productId, t.position),
  ],
);

/**
 * What a shopper buys: one combination of a product's option values (`{}` for a product without
 * options), with its own SKU, money, stock and low-stock threshold. Every product has at least one.
 */
export const productVariants = pgTable(
  "product_variants",
  {
    id: id(),
    productId: uuid("product_id")
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    sku: text("sku").notNull().unique(),
    title: text("title").notNull(),
    options: jsonb("options").$type<Record<string, string>>().notNull().default({}),
    price: money("price").notNull(),
    oldPrice: money("old_price"),
    shippingAmount: money("shipping_amount").notNull().default(0),
    discount: money("discount").notNull().default(0),
    actualPrice: money("actual_price")
      .notNull()
      .generatedAlwaysAs(
        (): SQL => sql`${productVariants.price} + ${productVariants.shippingAmount} - ${productVariants.discount}`,
      ),
    stockQty: integer("stock_qty").notNull().default(0),
    /** What one weighs packed, for shipping rates by weight. */
    weightGrams: integer("weight_grams").notNull().default(0),
    /** Its tax class; a new variant takes the shop's default class. */
    taxClassId: uuid("tax_class_id")
      .notNull()
      .default(sql`default_tax_class_id()`)
      .references((): AnyPgColumn => taxClasses.id),
    lowStockThreshold: integer("low_stock_threshold").notNull().default(5),
    active: boolean("is_active").notNull().default(true),
    position: integer("position").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("product_variants_one_per_combination").on(t.productId, t.options),
    check("product_variants_price_nonnegative", sql`${t.price} >= 0`),
    check("product_variants_old_price_nonnegative", sql`${t.oldPrice} IS NULL OR ${t.oldPrice} >= 0`),
    check("product_variants_shipping_nonnegative", sql`${t.shippingAmount} >= 0`),
    check("product_variants_discount_within_price", sql`${t.discount} >= 0 AND ${t.discount} <= ${t.price}`),
    // What a customer pays for one stays within the largest amount the shop takes in (worker/schemas/common.ts).
    check(
      "product_variants_actual_price_within_limit",
      sql`${t.price} + ${t.shippingAmount} - ${t.discount} <= 1000000000`,
    ),
    check("product_variants_stock_nonnegative", sql`${t.stockQty} >= 0`),
    check("product_variants_weight_nonnegative", sql`${t.weightGrams} >= 0`),
    check("product_variants_threshold_nonnegative", sql`${t.lowStockThreshold} >= 0`),
    index("product_variants_product_idx").on(t.productId, t.position),
    index("product_variants_actual_price_idx").on(t.actualPrice),
  ],
);

/**
 * Every change of a variant's stock, with its reason and who made it: staff changes (and the first
 * stock), and the orders that take stock (checkout) and give it back (cancellation, expiry, refund).
 * Its deltas add up to the stock.
 */
export const inventoryChanges = pgTable(
  "inventory_changes",
  {
    id: id(),
    variantId: uuid("variant_id")
      .notNull()
      .references(() => productVariants.id, { onDelete: "cascade" }),
    delta: integer("delta").notNull(),
    stockAfter: integer("stock_after").notNull(),
    reason: text("reason").notNull(),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    /** The order whose checkout, cancellation or refund moved the stock; null for staff changes. */
    orderId: uuid("order_id").references(() => orders.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("inventory_changes_variant_idx").on(t.variantId, t.createdAt)],
);

export const productImages = pgTable(
  "product_images",
  {
    id: id(),
    productId: uuid("product_id")
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    alt: text("alt").notNull().default(""),
    position: integer("position").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index("product_images_product_idx").on(t.productId, t.position)],
);

export const productFeatures = pgTable(
  "product_features",
  {
    id: id(),
    productId: uuid("product_id")
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    value: text("value").notNull(),
    position: integer("position").notNull().default(0),
  },
  (t) => [index("product_features_product_idx").on(t.productId, t.position)],
);

export const wishlistItems = pgTable(
  "wishlist_items",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    productId: uuid("product_id")
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.productId] }), index("wishlist_items_product_idx").on(t.productId)],
);

export const ratings = pgTable(
  "ratings",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    productId: uuid("product_id")
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    vote: smallint("vote").notNull(),
    text: text("text"),
    isApproved: boolean("is_approved").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("ratings_one_per_user_product").on(t.userId, t.productId),
    check("ratings_vote_range", sql`${t.vote} BETWEEN 1 AND 5`),
    index("ratings_product_idx").on(t.productId),
  ],
);

export const comments = pgTable(
  "comments",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    productId: uuid("product_id").references(() => products.id, { onDelete: "cascade" }),
    kind: commentKind("kind").notNull(),
    body: text("body").notNull(),
    isApproved: boolean("is_approved").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    index("comments_product_idx").on(t.productId, t.isApproved, t.createdAt),
    index("comments_moderation_idx").on(t.isApproved, t.createdAt),
  ],
);

export const coupons = pgTable(
  "coupons",
  {
    id: id(),
    title: text("title").notNull(),
    kind: couponKind("kind").notNull(),
    /** Percent (1..100) for percent coupons, minor units for fixed ones. */
    value: integer("value").notNull(),
    validFor: isoInterval("valid_for").notNull(),
    usageLimit: integer("usage_limit"),
    perUserLimit: integer("per_user_limit").notNull().default(1),
    minSubtotal: money("min_subtotal").notNull().default(0),
    maxDiscount: money("max_discount"),
    usedCount: integer("used_count").notNull().default(0),
    active: boolean("is_active").notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [
    check("coupons_value_positive", sql`${t.value} > 0`),
    check("coupons_percent_at_most_100", sql`${t.kind} <> 'percent' OR ${t.value} <= 100`),
    check("coupons_valid_for_positive", sql`${t.validFor} > interval '0'`),
    check("coupons_limits_positive", sql`(${t.usageLimit} IS NULL OR ${t.usageLimit} > 0) AND ${t.perUserLimit} > 0`),
    check(
      "coupons_used_within_limit",
      sql`${t.usedCount} >= 0 AND (${t.usageLimit} IS NULL OR ${t.usedCount} <= ${t.usageLimit})`,
    ),
    check(
      "coupons_amounts_nonnegative",
      sql`${t.minSubtotal} >= 0 AND (${t.maxDiscount} IS NULL OR ${t.maxDiscount} >= 0)`,
    ),
  ],
);

export const userCoupons = pgTable(
  "user_coupons",
  {
    id: id(),
    couponId: uuid("coupon_id")
      .notNull()
      .references(() => coupons.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    code: text("code").notNull().unique(),
    grantedAt: timestamp("granted_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    uses: integer("uses").notNull().default(0),
  },
  (t) => [
    check("user_coupons_uses_nonnegative", sql`${t.uses} >= 0`),
    index("user_coupons_user_idx").on(t.userId, t.expiresAt),
    index("user_coupons_expiry_idx").on(t.expiresAt),
  ],
);

export const carts = pgTable("carts", {
  id: id(),
  userId: uuid("user_id")
    .notNull()
    .unique()
    .references(() => users.id, { onDelete: "cascade" }),
  version: integer("version").notNull().default(0),
  /** Where the shopper last asked shipping to go, and the method chosen for it. */
  shipTo: jsonb("ship_to").$type<Destination>(),
  shippingMethodId: uuid("shipping_method_id").references((): AnyPgColumn => shippingMethods.id, {
    onDelete: "set null",
  }),
  /** The promotion code the shopper gave (as typed); the cart says whether and why not it applies. */
  promotionCode: text("promotion_code"),
  updatedAt: updatedAt(),
});

/** Where a cart is quoted to: enough of an address to find its zone and tax region. */
export interface Destination {
  country: string;
  subdivision?: string;
  postalCode: string;
}

export const cartItems = pgTable(
  "cart_items",
  {
    cartId: uuid("cart_id")
      .notNull()
      .references(() => carts.id, { onDelete: "cascade" }),
    variantId: uuid("variant_id")
      .notNull()
      .references(() => productVariants.id, { onDelete: "cascade" }),
    quantity: integer("quantity").notNull(),
    addedAt: timestamp("added_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.cartId, t.variantId] }),
    check("cart_items_quantity_positive", sql`${t.quantity} > 0`),
    // The most units a line holds, however it is reached (worker/domain/limits.ts).
    check("cart_items_quantity_within_line_limit", sql`${t.quantity} <= 999`),
    index("cart_items_variant_idx").on(t.variantId),
  ],
);

export interface ShippingAddress {
  name: string;
  line1: string;
  line2?: string;
  city: string;
  subdivision?: string;
  postalCode: string;
  country: string;
  phone?: string;
}

export const orders = pgTable(
  "orders",
  {
    id: id(),
    /** What shoppers and staff call the order (#1042): short, unique, in the order orders were placed. */
    number: integer("number").notNull().unique().generatedAlwaysAsIdentity({ startWith: 1001 }),
    /** The shopper's account; none for a guest's order until an account verifies its email. */
    userId: uuid("user_id").references(() => users.id, { onDelete: "restrict" }),
    /** A guest's contact (lower-cased email, E.164 phone): where the order's messages go. */
    guestEmail: text("guest_email"),
    guestPhone: text("guest_phone"),
    status: orderStatus("status").notNull().default("pending_payment"),
    currency: text("currency").notNull(),
    subtotal: money("subtotal").notNull(),
    discount: money("discount").notNull().default(0),
    tax: money("tax").notNull().default(0),
    shipping: money("shipping").notNull().default(0),
    /** Whether the prices (and so subtotal and shipping) held their tax: it is then not added again. */
    pricesIncludeTax: boolean("prices_include_tax").notNull().default(false),
    total: money("total")
      .notNull()
      .generatedAlwaysAs(
        (): SQL =>
          sql`${orders.subtotal} - ${orders.discount} + ${orders.shipping} + CASE WHEN ${orders.pricesIncludeTax} THEN 0 ELSE ${orders.tax} END`,
      ),
    /** The method it ships by, as it was named and taxed when the order was placed. */
    shippingMethodId: uuid("shipping_method_id").references((): AnyPgColumn => shippingMethods.id, {
      onDelete: "set null",
    }),
    shippingMethodName: text("shipping_method_name"),
    shippingTax: money("shipping_tax").notNull().default(0),
    shippingTaxRateBps: integer("shipping_tax_rate_bps").notNull().default(0),
    /** What promotions took off the method's price (`shipping` is what was charged). */
    shippingDiscount: money("shipping_discount").notNull().default(0),
    couponCode: text("coupon_code"),
    userCouponId: uuid("user_coupon_id").references(() => userCoupons.id, { onDelete: "set null" }),
    shippingAddress: jsonb("shipping_address").$type<ShippingAddress>().notNull(),
    idempotencyKey: text("idempotency_key").notNull(),
    requestHash: text("request_hash").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    /** When staff shipped it, with whom and the parcel's tracking, as staff gave them. */
    shippedAt: timestamp("shipped_at", { withTimezone: true }),
    carrier: text("carrier"),
    trackingNumber: text("tracking_number"),
    trackingUrl: text("tracking_url"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check(
      "orders_shipment_after_shipping",
      sql`${t.shippedAt} IS NOT NULL OR (${t.carrier} IS NULL AND ${t.trackingNumber} IS NULL AND ${t.trackingUrl} IS NULL)`,
    ),
    unique("orders_idempotency_per_user").on(t.userId, t.idempotencyKey),
    uniqueIndex("orders_idempotency_per_guest").on(t.guestEmail, t.idempotencyKey).where(sql`${t.userId} IS NULL`),
    check("orders_have_an_owner", sql`${t.userId} IS NOT NULL OR ${t.guestEmail} IS NOT NULL`),
    index("orders_guest_email_idx").on(t.guestEmail).where(sql`${t.guestEmail} IS NOT NULL`),
    check(
      "orders_amounts_valid",
      sql`${t.subtotal} >= 0 AND ${t.discount} >= 0 AND ${t.discount} <= ${t.subtotal} AND ${t.tax} >= 0 AND ${t.shipping} >= 0`,
    ),
    index("orders_user_idx").on(t.userId, t.createdAt.desc()),
    index("orders_status_expiry_idx").on(t.status, t.expiresAt),
    index("orders_created_idx").on(t.createdAt),
  ],
);

export const orderItems = pgTable(
  "order_items",
  {
    id: id(),
    orderId: uuid("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    productId: uuid("product_id")
      .notNull()
      .references(() => products.id, { onDelete: "restrict" }),
    variantId: uuid("variant_id")
      .notNull()
      .references(() => productVariants.id, { onDelete: "restrict" }),
    name: text("name").notNull(),
    variantTitle: text("variant_title").notNull(),
    sku: text("sku").notNull(),
    unitPrice: money("unit_price").notNull(),
    shippingAmount: money("shipping_amount").notNull().default(0),
    quantity: integer("quantity").notNull(),
    lineTotal: money("line_total")
      .notNull()
      .generatedAlwaysAs((): SQL => sql`${orderItems.unitPrice} * ${orderItems.quantity}`),
    /**
     * What the line was charged, stored as placed so a refund gives back exactly these: its share of
     * the order's discount, its amount after that share without tax, its tax and the rate it took.
     */
    discountAmount: money("discount_amount").notNull(),
    netAmount: money("net_amount").notNull(),
    taxAmount: money("tax_amount").notNull(),
    taxRateBps: integer("tax_rate_bps").notNull(),
    /** The line's share of each promotion that took part (`[{ promotionId, amount }]`); they sum into its discount. */
    promotionShares: jsonb("promotion_shares").notNull().default([]),
  },
  (t) => [
    check("order_items_quantity_positive", sql`${t.quantity} > 0`),
    check(
      "order_items_charged_amounts_valid",
      sql`${t.discountAmount} >= 0 AND ${t.discountAmount} <= ${t.unitPrice} * ${t.quantity} AND ${t.netAmount} >= 0 AND ${t.taxAmount} >= 0`,
    ),
    check("order_items_amounts_nonnegative", sql`${t.unitPrice} >= 0 AND ${t.shippingAmount} >= 0`),
    unique("order_items_one_line_per_variant").on(t.orderId, t.variantId),
    index("order_items_product_idx").on(t.productId),
    index("order_items_variant_idx").on(t.variantId),
  ],
);

export const orderEvents = pgTable(
  "order_events",
  {
    id: id(),
    orderId: uuid("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    status: orderStatus("status").notNull(),
    actorKind: actorKind("actor_kind").notNull(),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    note: text("note"),
    createdAt: createdAt(),
  },
  (t) => [index("order_events_order_idx").on(t.orderId, t.createdAt)],
);

/** One payment attempt for an order (the gateway's transaction). */
export const payments = pgTable(
  "payments",
  {
    id: id(),
    orderId: uuid("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "restrict" }),
    gateway: paymentGateway("gateway").notNull(),
    /** The gateway's reference for the attempt, known before the shopper pays. */
    authority: text("authority").notNull(),
    /** The key the gateway hands back once the payment is authorized. */
    authorizedKey: text("authorized_key"),
    amount: money("amount").notNull(),
    tax: money("tax").notNull().default(0),
    currency: text("currency").notNull(),
    cardHash: text("card_hash"),
    cardLast4: text("card_last4"),
    transactionId: text("transaction_id"),
    status: paymentStatus("status").notNull().default("pending"),
    /** Why the gateway said the payment failed, in words for the shopper (null unless it failed). */
    failureReason: text("failure_reason"),
    paidAt: timestamp("paid_at", { withTimezone: true }),
    /** When the gateway session stops taking money (null for attempts made before sessions expired). */
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    /** Why the money goes back, once it must. */
    refundReason: text("refund_reason"),
    refundAttempts: integer("refund_attempts").notNull().default(0),
    /** When the refund is tried next (null: at once); a claim moves it ahead so one worker tries at a time. */
    refundNextAt: timestamp("refund_next_at", { withTimezone: true }),
    refundError: text("refund_error"),
    refundedAt: timestamp("refunded_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("payments_gateway_authority").on(t.gateway, t.authority),
    check("payments_refund_attempts_nonnegative", sql`${t.refundAttempts} >= 0`),
    index("payments_refund_due_idx").on(t.refundNextAt).where(sql`${t.status} = 'refund_pending'`),
    unique("payments_gateway_transaction").on(t.gateway, t.transactionId),
    check("payments_amount_positive", sql`${t.amount} > 0 AND ${t.tax} >= 0`),
    index("payments_order_idx").on(t.orderId),
  ],
);

/** Every result a gateway reported, valid or not, kept as received. */
export const paymentHistory = pgTable(
  "payment_history",
  {
    id: id(),
    paymentId: uuid("payment_id").references(() => payments.id, { onDelete: "set null" }),
    gateway: paymentGateway("gateway").notNull(),
    eventId: text("event_id"),
    outcome: text("outcome").notNull(),
    reason: text("reason"),
    payload: jsonb("payload").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("payment_history_payment_idx").on(t.paymentId, t.receivedAt),
    // A gateway event changes state once: the row that records its processing is unique.
    uniqueIndex("payment_history_processed_once").on(t.gateway, t.eventId).where(sql`${t.outcome} = 'processed'`),
  ],
);

/**
 * Gateway messages that failed verification (a bad or missing signature, too old, replayed,
 * malformed): anyone can send those, so they are kept apart from the payments' history (which holds
 * verified messages only), capped per client address, and purged after 30 days.
 */
export const gatewayRejections = pgTable(
  "gateway_rejections",
  {
    id: id(),
    gateway: paymentGateway("gateway").notNull(),
    /** The sender as per-address limits count it (an IPv6 client's /64). */
    clientAddress: text("client_address"),
    reason: text("reason").notNull(),
    payload: jsonb("payload").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("gateway_rejections_received_idx").on(t.receivedAt)],
);

export const auditLog = pgTable(
  "audit_log",
  {
    id: id(),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    entity: text("entity").notNull(),
    entityId: text("entity_id"),
    before: jsonb("before"),
    after: jsonb("after"),
    createdAt: createdAt(),
  },
  (t) => [index("audit_log_entity_idx").on(t.entity, t.entityId), index("audit_log_created_idx").on(t.createdAt)],
);

/*
 * Shipping and taxes: where the shop ships, at what price, and which tax applies where
 * (worker/domain/shipping.ts and worker/domain/tax.ts hold the rules).
 */

/** Tax classes of the merchant's choosing (standard, reduced, zero…); one is the default of new variants. */
export const taxClasses = pgTable(
  "tax_classes",
  {
    id: id(),
    name: text("name").notNull().unique(),
    isDefault: boolean("is_default").notNull().default(false),
    position: integer("position").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("tax_classes_one_default").on(t.isDefault).where(sql`${t.isDefault}`)],
);

/**
 * A class's rate in a region: a country (`*` for everywhere else), optionally one subdivision
 * (state, province). The most specific region of an address wins.
 */
export const taxRates = pgTable(
  "tax_rates",
  {
    id: id(),
    taxClassId: uuid("tax_class_id")
      .notNull()
      .references(() => taxClasses.id, { onDelete: "cascade" }),
    country: text("country").notNull(),
    subdivision: text("subdivision").notNull().default(""),
    rateBps: integer("rate_bps").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    unique("tax_rates_one_per_region").on(t.taxClassId, t.country, t.subdivision),
    check("tax_rates_rate_within_bounds", sql`${t.rateBps} >= 0 AND ${t.rateBps} <= 10000`),
    check("tax_rates_country_code", sql`${t.country} = '*' OR ${t.country} ~ '^[A-Z]{2}$'`),
  ],
);

/** The shop's own settings: one row. */
export const shopSettings = pgTable(
  "shop_settings",
  {
    id: boolean("id").primaryKey().default(true),
    /** Whether entered prices include tax (the tax is then taken out of them) or have it added. */
    pricesIncludeTax: boolean("prices_include_tax").notNull().default(false),
    shippingTaxClassId: uuid("shipping_tax_class_id")
      .notNull()
      .references(() => taxClasses.id),
    updatedAt: updatedAt(),
  },
  (t) => [check("shop_settings_one_row", sql`${t.id}`)],
);

/** Countries (`*`: the rest of the world), optionally narrowed to subdivisions and postal codes. */
export const shippingZones = pgTable(
  "shipping_zones",
  {
    id: id(),
    name: text("name").notNull().unique(),
    countries: text("countries").array().notNull(),
    subdivisions: text("subdivisions").array().notNull().default(sql`'{}'`),
    postalPatterns: text("postal_patterns").array().notNull().default(sql`'{}'`),
    position: integer("position").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [check("shipping_zones_have_countries", sql`cardinality(${t.countries}) > 0`)],
);

export const shippingMethodKind = pgEnum("shipping_method_kind", ["flat", "per_item", "weight", "subtotal", "pickup"]);

export const shippingMethods = pgTable(
  "shipping_methods",
  {
    id: id(),
    zoneId: uuid("zone_id")
      .notNull()
      .references(() => shippingZones.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    kind: shippingMethodKind("kind").notNull(),
    /** A flat or pickup method's price. */
    price: money("price").notNull().default(0),
    /** Free from this subtotal (after discounts) on. */
    freeAbove: money("free_above"),
    minDays: smallint("min_days"),
    maxDays: smallint("max_days"),
    active: boolean("is_active").notNull().default(true),
    position: integer("position").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("shipping_methods_name_per_zone").on(t.zoneId, t.name),
    check(
      "shipping_methods_amounts_nonnegative",
      sql`${t.price} >= 0 AND (${t.freeAbove} IS NULL OR ${t.freeAbove} >= 0)`,
    ),
    check(
      "shipping_methods_days_in_order",
      sql`(${t.minDays} IS NULL OR ${t.minDays} >= 0) AND (${t.maxDays} IS NULL OR ${t.maxDays} >= coalesce(${t.minDays}, 0))`,
    ),
    index("shipping_methods_zone_idx").on(t.zoneId, t.position),
  ],
);

/**
 * A weight (grams) or subtotal band of a method, from `min` up to, not including, `max` (open when
 * null). Bands of one method never overlap (an exclusion constraint, in the migration).
 */
export const shippingRates = pgTable(
  "shipping_rates",
  {
    id: id(),
    methodId: uuid("method_id")
      .notNull()
      .references(() => shippingMethods.id, { onDelete: "cascade" }),
    min: integer("min_value").notNull(),
    max: integer("max_value"),
    price: money("price").notNull(),
  },
  (t) => [
    check(
      "shipping_rates_band_valid",
      sql`${t.min} >= 0 AND (${t.max} IS NULL OR ${t.max} > ${t.min}) AND ${t.price} >= 0`,
    ),
    index("shipping_rates_method_idx").on(t.methodId, t.min),
  ],
);

/** A shopper's saved addresses, with at most one default for shipping and one for billing. */
export const addresses = pgTable(
  "addresses",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    line1: text("line1").notNull(),
    line2: text("line2"),
    city: text("city").notNull(),
    subdivision: text("subdivision"),
    postalCode: text("postal_code").notNull(),
    country: text("country").notNull(),
    phone: text("phone"),
    isDefaultShipping: boolean("is_default_shipping").notNull().default(false),
    isDefaultBilling: boolean("is_default_billing").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("addresses_one_default_shipping").on(t.userId).where(sql`${t.isDefaultShipping}`),
    uniqueIndex("addresses_one_default_billing").on(t.userId).where(sql`${t.isDefaultBilling}`),
    check("addresses_country_code", sql`${t.country} ~ '^[A-Z]{2}$'`),
    index("addresses_user_idx").on(t.userId, t.createdAt),
  ],
);

/*
 * Promotions: automatic discounts and discounts by code, evaluated by worker/domain/promotions.ts.
 * Their uses are counted by conditional updates at checkout and given back when an order is canceled.
 */

export const promotionKind = pgEnum("promotion_kind", ["item", "order", "shipping"]);
export const promotionMethod = pgEnum("promotion_method", ["automatic", "code"]);
export const promotionStatus = pgEnum("promotion_status", ["active", "paused"]);

export const promotions = pgTable(
  "promotions",
  {
    id: id(),
    name: text("name").notNull(),
    method: promotionMethod("method").notNull(),
    kind: promotionKind("kind").notNull(),
    status: promotionStatus("status").notNull().default("active"),
    /** When it applies, on the server's clock (none: from now on, for ever). */
    startsAt: timestamp("starts_at", { withTimezone: true }),
    endsAt: timestamp("ends_at", { withTimezone: true }),
    /** Within a kind, the highest priority applies (then the best for the shopper). */
    priority: integer("priority").notNull().default(0),
    /** The kinds of promotion it applies together with. */
    combinesWith: promotionKind("combines_with").array().notNull().default(sql`'{}'`),
    usageLimit: integer("usage_limit"),
    perCustomerLimit: integer("per_customer_limit"),
    /** The most it may take off, over all its uses. */
    budget: money("budget"),
    usedCount: integer("used_count").notNull().default(0),
    discountGiven: money("discount_given").notNull().default(0),
    /** minSubtotal, minQuantity, customer (signedIn, firstOrder, accountIds): all must hold. */
    conditions: jsonb("conditions").notNull().default({}),
    /** What it takes off (worker/domain/promotions.ts `PromotionAction`). */
    action: jsonb("action").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check(
      "promotions_ends_after_start",
      sql`${t.endsAt} IS NULL OR ${t.startsAt} IS NULL OR ${t.endsAt} > ${t.startsAt}`,
    ),
    check(
      "promotions_limits_positive",
      sql`(${t.usageLimit} IS NULL OR ${t.usageLimit} > 0) AND (${t.perCustomerLimit} IS NULL OR ${t.perCustomerLimit} > 0) AND (${t.budget} IS NULL OR ${t.budget} > 0)`,
    ),
    check(
      "promotions_used_within_limit",
      sql`${t.usedCount} >= 0 AND (${t.usageLimit} IS NULL OR ${t.usedCount} <= ${t.usageLimit})`,
    ),
    check(
      "promotions_given_within_budget",
      sql`${t.discountGiven} >= 0 AND (${t.budget} IS NULL OR ${t.discountGiven} <= ${t.budget})`,
    ),
    check(
      "promotions_action_fits_kind",
      sql`(${t.kind} = 'shipping') = (${t.action}->>'type' = 'free_shipping') AND (${t.kind} <> 'order' OR ${t.action}->>'type' IN ('percent', 'fixed'))`,
    ),
    index("promotions_live_idx").on(t.status, t.method),
  ],
);

/**
 * A promotion's codes, kept as the SHA-256 of their upper-case text: a reader of the table cannot
 * list them. Staff see a code once, when it is made (and in the CSV of a batch).
 */
export const promotionCodes = pgTable(
  "promotion_codes",
  {
    id: id(),
    promotionId: uuid("promotion_id")
      .notNull()
      .references(() => promotions.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull().unique(),
    /** Enough of the code for staff to tell codes apart (its first and last characters). */
    hint: text("hint").notNull(),
    /** How many orders the code may take part in (1 for a batch's single-use codes; none: no limit). */
    usageLimit: integer("usage_limit"),
    usedCount: integer("used_count").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    check(
      "promotion_codes_used_within_limit",
      sql`${t.usedCount} >= 0 AND (${t.usageLimit} IS NULL OR (${t.usageLimit} > 0 AND ${t.usedCount} <= ${t.usageLimit}))`,
    ),
    index("promotion_codes_promotion_idx").on(t.promotionId),
  ],
);

/** How many of a promotion's uses one customer (an account, or a guest's email) holds. */
export const promotionCustomers = pgTable(
  "promotion_customers",
  {
    promotionId: uuid("promotion_id")
      .notNull()
      .references(() => promotions.id, { onDelete: "cascade" }),
    /** The account's id, or `guest:` and the guest's lower-cased email. */
    customerKey: text("customer_key").notNull(),
    uses: integer("uses").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.promotionId, t.customerKey] }),
    check("promotion_customers_uses_nonnegative", sql`${t.uses} >= 0`),
  ],
);

/** One promotion in one order: what it took off, and whether the order gave the use back. */
export const promotionUses = pgTable(
  "promotion_uses",
  {
    id: id(),
    promotionId: uuid("promotion_id")
      .notNull()
      .references(() => promotions.id, { onDelete: "restrict" }),
    orderId: uuid("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    customerKey: text("customer_key").notNull(),
    codeId: uuid("code_id").references(() => promotionCodes.id, { onDelete: "set null" }),
    /** Off the goods, and off shipping. */
    amount: money("amount").notNull(),
    shippingAmount: money("shipping_amount").notNull().default(0),
    createdAt: createdAt(),
    releasedAt: timestamp("released_at", { withTimezone: true }),
  },
  (t) => [
    unique("promotion_uses_once_per_order").on(t.promotionId, t.orderId),
    check("promotion_uses_amounts_nonnegative", sql`${t.amount} >= 0 AND ${t.shippingAmount} >= 0`),
    index("promotion_uses_order_idx").on(t.orderId),
    index("promotion_uses_promotion_idx").on(t.promotionId, t.createdAt),
  ],
);

/**
 * Every price a variant has had, written by a trigger on each change of its price or discount: a
 * sale shown beside its old price names the lowest price of the 30 days before it.
 */
export const variantPriceHistory = pgTable(
  "variant_price_history",
  {
    id: id(),
    variantId: uuid("variant_id")
      .notNull()
      .references(() => productVariants.id, { onDelete: "cascade" }),
    /** What a shopper paid for one from `changedAt` on (price − discount). */
    price: money("price").notNull(),
    changedAt: timestamp("changed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("variant_price_history_variant_idx").on(t.variantId, t.changedAt)],
);

/** A price change staff scheduled for a variant; the scheduled job applies it once it is due. */
export const variantPriceSchedules = pgTable(
  "variant_price_schedules",
  {
    id: id(),
    variantId: uuid("variant_id")
      .notNull()
      .references(() => productVariants.id, { onDelete: "cascade" }),
    price: money("price").notNull(),
    oldPrice: money("old_price"),
    discount: money("discount").notNull().default(0),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    appliedAt: timestamp("applied_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    check(
      "variant_price_schedules_amounts_valid",
      sql`${t.price} >= 0 AND ${t.discount} >= 0 AND ${t.discount} <= ${t.price} AND (${t.oldPrice} IS NULL OR ${t.oldPrice} >= 0)`,
    ),
    index("variant_price_schedules_due_idx").on(t.startsAt).where(sql`${t.appliedAt} IS NULL`),
  ],
);
