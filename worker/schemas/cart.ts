import { z } from "@hono/zod-openapi";
import { maxLineQuantity } from "../domain/limits.ts";
import { money } from "./common.ts";

/** A promotion a cart or an order takes, and what it takes off the goods and off shipping. */
export const appliedPromotionSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(["item", "order", "shipping"]),
    amount: money,
    shipping: money,
    endsAt: z.string().nullable().optional().openapi({
      description: "In a cart: when the promotion ends (server time), for its countdown; null: it does not",
    }),
  })
  .openapi("AppliedPromotion");

/** The code the shopper gave: whether it applies, and if not, why (`details` says how much or how many more). */
export const codeStateSchema = z
  .object({
    code: z.string(),
    applied: z.boolean(),
    reason: z
      .enum([
        "not_found",
        "not_started",
        "expired",
        "used_up",
        "already_used",
        "not_eligible",
        "needs_more",
        "needs_more_items",
        "not_for_these_products",
        "not_combinable",
      ])
      .nullable(),
    message: z.string().nullable(),
    details: z.object({ amount: money.optional(), quantity: z.number().int().optional() }).nullable(),
  })
  .openapi("PromotionCodeState");

/** A line of a cart or an order: a quantity of one variant at its unit price. */
export const lineSchema = z.object({
  productId: z.string(),
  variantId: z.string(),
  name: z.string(),
  variantTitle: z.string(),
  sku: z.string(),
  quantity: z.number().int(),
  unitPrice: money,
  lineTotal: money,
});

export const cartItemSchema = lineSchema
  .extend({
    slug: z.string().openapi({ description: "The product's address in the catalog (`/products/{slug}`)." }),
    imageUrl: z.string().nullable(),
    available: z.number().int().openapi({
      description:
        "How many can be bought now: the variant's stock (0 once it is no longer sold). Another shopper's checkout can leave a line above it; checkout then refuses that line with 409 insufficient_stock.",
    }),
    discount: money.optional().openapi({
      description: "What promotions take off this line (its share of each); the line costs `lineTotal − discount`.",
    }),
  })
  .openapi("CartItem");

export const cartSchema = z
  .object({
    items: z.array(cartItemSchema),
    subtotal: money,
    shipping: money,
    itemCount: z.number().int(),
    currency: z.string(),
    version: z.number().int(),
    /** Where the shopper last had the cart quoted, and the method they chose there (null: none yet). */
    shippingChoice: z
      .object({
        country: z.string(),
        subdivision: z.string().nullable(),
        postalCode: z.string(),
        methodId: z.string().nullable(),
      })
      .nullable()
      .optional()
      .openapi("ShippingChoice"),
    discount: money
      .optional()
      .openapi({ description: "What promotions take off the goods: the lines' discounts summed." }),
    promotions: z.array(appliedPromotionSchema).optional(),
    code: codeStateSchema.nullable().optional(),
    freeShipping: z
      .object({
        name: z.string(),
        missing: money.openapi({ description: "How much more the goods must cost for it (0: it applies)." }),
      })
      .nullable()
      .optional()
      .openapi("FreeShippingOffer"),
    promotionsChangeAt: z.string().nullable().optional().openapi({
      description: "When an automatic promotion starts or ends next (server time): the cart's price may change then.",
    }),
  })
  .openapi("Cart");

/** Where the cart goes and by which method, as the shopper chose them at checkout (on every device). */
export const shippingChoiceBody = z.object({
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, "an ISO 3166-1 alpha-2 country code"),
  subdivision: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{1,3}$/)
    .optional(),
  postalCode: z.string().trim().max(20).default(""),
  methodId: z.uuid().nullable().optional(),
});

export const mergeNoticeSchema = z.object({
  productId: z.string(),
  variantId: z.string().optional(),
  reason: z.enum(["unavailable", "capped", "variant_required"]),
  available: z.number().int().optional(),
});

export const quantityBody = z.object({ quantity: z.number().int().min(0).max(maxLineQuantity) });
export const variantIdParam = z.object({ variantId: z.uuid() });
export const mergeBody = z.object({
  items: z
    .array(
      z.object({
        productId: z.uuid(),
        variantId: z.uuid().optional(),
        quantity: z.number().int().min(1).max(maxLineQuantity),
      }),
    )
    .max(100),
});

export const mergedCartSchema = cartSchema.extend({ notices: z.array(mergeNoticeSchema) }).openapi("MergedCart");

export const codeBody = z.object({ code: z.string().trim().min(1).max(64) });

export type Cart = z.infer<typeof cartSchema>;
export type CodeStateView = z.infer<typeof codeStateSchema>;
export type AppliedPromotionView = z.infer<typeof appliedPromotionSchema>;
export type MergeNotice = z.infer<typeof mergeNoticeSchema>;
