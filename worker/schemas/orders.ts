import { z } from "@hono/zod-openapi";
import { actorKind, paymentGateway, paymentStatus } from "../../db/schema.ts";
import { isCountry, postalCodeProblem } from "../domain/address.ts";
import { maxLineQuantity } from "../domain/limits.ts";
import { orderStatuses } from "../domain/order-status.ts";
import { appliedPromotionSchema, lineSchema } from "./cart.ts";
import { isoDateTime, listSchema, money, pageQuery, timestamp } from "./common.ts";

/** An address's fields; every address the shop takes is also checked by `postalCodeCheck`. */
export const addressFields = z.object({
  name: z.string().trim().min(1).max(120),
  line1: z.string().trim().min(1).max(200),
  line2: z.string().trim().min(1).max(200).optional(),
  city: z.string().trim().min(1).max(100),
  subdivision: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{1,3}$/, "a subdivision code (ISO 3166-2, without the country: CA, NSW, 75)")
    .optional()
    .openapi({ example: "CA" }),
  postalCode: z.string().trim().min(1).max(20),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, "an ISO 3166-1 alpha-2 country code")
    .refine(isCountry, "not a country of ISO 3166-1")
    .openapi({ example: "US" }),
  phone: z.string().trim().min(5).max(30).optional(),
});

/** Each country's postal codes have their form: "7501" is not a French one, and says so beside the field. */
export function postalCodeCheck(address: { country: string; postalCode: string }, check: z.RefinementCtx) {
  const problem = postalCodeProblem(address.country, address.postalCode);
  if (problem) check.addIssue({ code: "custom", path: ["postalCode"], message: problem });
}

export const shippingAddressSchema = addressFields.superRefine(postalCodeCheck);

/** The method to ship by; without it, the cheapest that takes the order to its address. */
const shippingMethodId = z.uuid().optional().openapi({
  description: "A method from GET /cart/shipping-options for this address; without it, the cheapest that applies.",
});

/** The total the shopper was shown; the order is refused (409 quote_changed) rather than placed at another. */
const expectedTotal = z.number().int().min(0).max(1_000_000_000_000).optional().openapi({
  description: "The summary's total from GET /cart/shipping-options: an order that would cost otherwise is refused",
});

export const checkoutBody = z.object({
  couponCode: z.string().trim().min(1).max(64).optional().openapi({
    description: "A coupon granted to me or a promotion code (default: the code kept on my cart)",
  }),
  shippingAddress: shippingAddressSchema,
  shippingMethodId,
  expectedTotal,
});

/**
 * A guest's checkout: who to tell (an email, a phone if they like), where it goes, and the lines of
 * their browser's cart, each variant once.
 */
export const guestCheckoutBody = z.object({
  email: z.email().max(254).openapi({ example: "ada@example.com" }),
  promotionCode: z.string().trim().min(1).max(64).optional(),
  phone: z.string().trim().min(5).max(30).optional().openapi({ example: "+14155550123" }),
  shippingAddress: shippingAddressSchema,
  shippingMethodId,
  expectedTotal,
  items: z
    .array(z.object({ variantId: z.uuid(), quantity: z.number().int().min(1).max(maxLineQuantity) }))
    .min(1)
    .max(100)
    .refine((items) => new Set(items.map((item) => item.variantId)).size === items.length, "each variant once"),
});

export const idempotencyHeader = z.object({
  "idempotency-key": z.string().min(8).max(255).openapi({
    description: "A unique key per checkout attempt (a UUID); retries reuse it",
    example: "5f0c7a8e-2b6d-4c1e-9a3f-7d2e8b1c4a60",
  }),
});

export const orderSchema = z
  .object({
    id: z.string(),
    /** What shoppers and staff call the order (#1042): unique, in the order orders were placed. */
    number: z.number().int(),
    status: z.enum(orderStatuses),
    /**
     * As the lines were at checkout, each with its product's first picture as it is now, and what it
     * was charged: its share of the discount, its amount after it without tax, its tax and rate.
     */
    items: z.array(
      lineSchema
        .extend({
          imageUrl: z.string().nullable(),
          discountAmount: money,
          netAmount: money,
          taxAmount: money,
          taxRateBps: z.number().int(),
          promotionShares: z
            .array(z.object({ promotionId: z.string(), amount: money }))
            .optional()
            .openapi({ description: "The line's share of each promotion; they sum into `discountAmount`" }),
        })
        .openapi("OrderItem"),
    ),
    subtotal: money,
    discount: money,
    tax: money,
    shipping: money,
    total: money,
    currency: z.string(),
    couponCode: z.string().nullable(),
    /** Whether subtotal and shipping hold their tax (then `total` does not add `tax` again). */
    pricesIncludeTax: z.boolean(),
    /** The method it ships by, as named when the order was placed (`id` null once the method is deleted). */
    shippingMethod: z.object({ id: z.string().nullable(), name: z.string() }).nullable().openapi("OrderShippingMethod"),
    /** The part of `tax` on shipping, and its rate. */
    shippingTax: money,
    shippingTaxRateBps: z.number().int(),
    shippingAddress: shippingAddressSchema,
    createdAt: z.string(),
    expiresAt: z.string(),
    events: z.array(
      z.object({
        status: z.enum(orderStatuses),
        at: z.string(),
        actor: z.enum(actorKind.enumValues),
        note: z.string().nullable(),
      }),
    ),
    /**
     * The parcel once the order shipped: the carrier and tracking staff gave (an order shipped in bulk
     * or before they were recorded may have neither), and the page that follows it.
     */
    shipment: z
      .object({
        carrier: z.string().nullable(),
        trackingNumber: z.string().nullable(),
        trackingUrl: z.string().nullable(),
        shippedAt: timestamp,
      })
      .nullable()
      .openapi("Shipment"),
    /** The latest payment attempt: a failed one says why, as far as the gateway told. */
    lastPayment: z
      .object({ status: z.enum(paymentStatus.enumValues), failureReason: z.string().nullable(), at: z.string() })
      .nullable(),
    /** What promotions took off the method's price (`shipping` is what was charged). */
    shippingDiscount: money.optional(),
    /** The promotions the order took (a granted coupon shows as `couponCode`). */
    promotions: z.array(appliedPromotionSchema).optional(),
  })
  .openapi("Order");

/**
 * An order as staff see it: whose it is, too. A guest's order has no account (`userId` null) until
 * an account verifies its email; `username` is then the guest's email.
 */
export const adminOrderSchema = orderSchema
  .extend({
    userId: z.string().nullable(),
    username: z.string(),
    guestEmail: z.string().nullable(),
    guestPhone: z.string().nullable(),
  })
  .openapi("AdminOrder");

/**
 * A guest's order as the guest sees it: who it tells, and its key, which opens it (and its live
 * room) without an account: the order page's link carries it.
 */
export const guestOrderSchema = orderSchema
  .extend({
    email: z.string(),
    phone: z.string().nullable(),
    key: z.string().openapi({ description: "Opens this order: send it as the Order-Key header" }),
  })
  .openapi("GuestOrder");

/** The key of a guest's order, as its link carries it. */
export const orderKeyHeader = z.object({
  "order-key": z
    .string()
    .regex(/^[0-9a-f]{32}$/, "32 hexadecimal characters")
    .openapi({ description: "The order's key, from its checkout's answer or its link" }),
});

/** Asks for the link to a guest's order: the email it was placed with and its number. */
export const orderLinkBody = z.object({
  email: z.email().max(254),
  number: z.number().int().min(1).max(2_147_483_647),
});

export const orderListSchema = listSchema(orderSchema, "OrderList");
export const adminOrderListSchema = listSchema(adminOrderSchema, "AdminOrderList");

export const adminOrderQuery = pageQuery.extend({
  status: z.enum(orderStatuses).optional(),
  userId: z.uuid().optional(),
  q: z.string().trim().min(1).max(100).optional(),
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
});

export const statusBody = z.object({ status: z.enum(orderStatuses) });

const carrierField = z.string().trim().min(1).max(60).openapi({ example: "UPS" });

/** Shipping one order: who carries it and its tracking (the link follows from a known carrier's number). */
export const shipBody = z.object({
  carrier: carrierField,
  trackingNumber: z.string().trim().min(1).max(100).optional().openapi({ example: "1Z999AA10123456784" }),
  trackingUrl: z
    .url({ protocol: /^https$/ })
    .max(500)
    .optional()
    .openapi({ description: "Where the shopper follows the parcel; by default the known carrier's tracking page" }),
});

/** The most orders one bulk action takes. */
export const maxBulkOrders = 100;

/**
 * One action on several orders: ship (paid or processing orders; one carrier for all, if given, and
 * no tracking numbers) or cancel (orders awaiting payment).
 */
export const bulkOrdersBody = z.discriminatedUnion("action", [
  z.object({
    action: z.literal("ship"),
    ids: z.array(z.uuid()).min(1).max(maxBulkOrders),
    carrier: carrierField.optional(),
  }),
  z.object({
    action: z.literal("cancel"),
    ids: z.array(z.uuid()).min(1).max(maxBulkOrders),
    note: z.string().trim().min(1).max(500).optional(),
  }),
]);

/** What a bulk action did to each order: the order as it is now, or why it was left as it was. */
export const bulkOrdersResultSchema = z
  .object({
    action: z.enum(["ship", "cancel"]),
    results: z.array(
      z.discriminatedUnion("ok", [
        z.object({ id: z.string(), ok: z.literal(true), order: adminOrderSchema }),
        z.object({
          id: z.string(),
          ok: z.literal(false),
          number: z.number().int().nullable().openapi({ description: "The order's number; null for no such order" }),
          status: z
            .enum(orderStatuses)
            .nullable()
            .openapi({ description: "Its status, which the action left as it was" }),
          error: z.object({ code: z.string(), message: z.string() }),
        }),
      ]),
    ),
  })
  .openapi("BulkOrdersResult");
export const staffCancelBody = z.object({ note: z.string().trim().min(1).max(500).optional() });

export const paymentStartSchema = z
  .object({ paymentId: z.string(), gateway: z.enum(paymentGateway.enumValues), redirectUrl: z.string() })
  .openapi("PaymentStart");

/** A payment attempt as staff see it, with every result its gateway reported. */
export const paymentViewSchema = z
  .object({
    id: z.string(),
    gateway: z.enum(paymentGateway.enumValues),
    authority: z.string(),
    amount: money,
    currency: z.string(),
    status: z.enum(paymentStatus.enumValues),
    transactionId: z.string().nullable(),
    cardLast4: z.string().nullable(),
    createdAt: timestamp,
    paidAt: timestamp.nullable(),
    expiresAt: timestamp.nullable().openapi({ description: "When its gateway session stops taking money" }),
    refund: z
      .object({
        reason: z.string().nullable(),
        attempts: z.number().int(),
        nextAttemptAt: timestamp.nullable().openapi({ description: "While refund_pending: when it is tried again" }),
        lastError: z.string().nullable(),
        refundedAt: timestamp.nullable(),
      })
      .nullable()
      .openapi({ description: "Once the money must go back (refund_pending, refunded)" }),
    history: z.array(
      z.object({ outcome: z.string(), reason: z.string().nullable(), eventId: z.string().nullable(), at: timestamp }),
    ),
  })
  .openapi("PaymentView");

export const paymentParams = z.object({ id: z.uuid(), paymentId: z.uuid() });

export const adminOrderDetailSchema = adminOrderSchema
  .extend({ payments: z.array(paymentViewSchema) })
  .openapi("AdminOrderDetail");

export type Order = z.infer<typeof orderSchema>;
export type AdminOrder = z.infer<typeof adminOrderSchema>;
export type ShipInput = z.infer<typeof shipBody>;
export type BulkOrdersInput = z.infer<typeof bulkOrdersBody>;
export type BulkOrdersResult = z.infer<typeof bulkOrdersResultSchema>;
export type PaymentView = z.infer<typeof paymentViewSchema>;
export type CheckoutInput = z.infer<typeof checkoutBody>;
/** A guest's lines, to price before checkout. */
export const guestCartBody = guestCheckoutBody.pick({ items: true });

/** A guest's lines as the shop prices them now, with the promotions live for everyone. */
export const guestCartSchema = z
  .object({
    items: z.array(
      z.object({
        variantId: z.string(),
        quantity: z.number().int(),
        unitPrice: money,
        lineTotal: money,
        discount: money.openapi({ description: "What promotions take off this line" }),
      }),
    ),
    subtotal: money,
    discount: money,
    currency: z.string(),
    promotions: z.array(appliedPromotionSchema),
    freeShipping: z.object({ name: z.string(), missing: money }).nullable(),
    promotionsChangeAt: z.string().nullable(),
  })
  .openapi("GuestCartPrices");

export type GuestCheckoutInput = z.infer<typeof guestCheckoutBody>;
export type GuestOrder = z.infer<typeof guestOrderSchema>;
