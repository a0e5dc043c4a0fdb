import { z } from "@hono/zod-openapi";
import { shippingMethodKind } from "../../db/schema.ts";
import { isCountry } from "../domain/address.ts";
import { appliedPromotionSchema, codeStateSchema } from "./cart.ts";
import { money } from "./common.ts";
import { guestCheckoutBody } from "./orders.ts";

/** Where a cart is quoted to: enough of an address to find its zone and tax region. */
export const destinationSchema = z.object({
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, "an ISO 3166-1 alpha-2 country code")
    .refine(isCountry, "not a country of ISO 3166-1")
    .openapi({ example: "FR" }),
  subdivision: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{1,3}$/, "a subdivision code (ISO 3166-2, without the country)")
    .optional(),
  postalCode: z.string().trim().max(20).default("").openapi({
    example: "75011",
    description: "Without it, an estimate for the country (its zones by postal code left out)",
  }),
});

/** How a quote is priced besides where: the method to price by, and a coupon of mine. */
const quoteChoices = z.object({
  methodId: z.uuid().optional().openapi({
    description: "The method to price the summary with (default: the one kept with the cart, else the cheapest)",
  }),
  couponCode: z.string().trim().min(1).max(64).optional().openapi({
    description: "A coupon granted to me or a promotion code (default: the code kept on my cart)",
  }),
});

export const shippingOptionsQuery = destinationSchema.extend(quoteChoices.shape);
export const savedAddressQuoteQuery = quoteChoices;
export const savedAddressParam = z.object({ addressId: z.uuid() });

export const guestShippingOptionsBody = guestCheckoutBody.pick({ items: true, promotionCode: true }).extend({
  address: destinationSchema,
  methodId: z.uuid().optional(),
});

export const shippingOptionSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(shippingMethodKind.enumValues),
    price: money.openapi({ description: "What the shopper pays for it, after free-shipping promotions" }),
    regularPrice: money.optional().openapi({ description: "Its price before promotions" }),
    minDays: z.number().int().nullable(),
    maxDays: z.number().int().nullable(),
  })
  .openapi("ShippingOption");

/** The methods that take the cart to an address, and what the order would cost by the one chosen. */
export const shippingOptionsSchema = z
  .object({
    shippable: z.boolean().openapi({ description: "false: no zone covers the address; the shop does not ship there" }),
    options: z.array(shippingOptionSchema),
    method: shippingOptionSchema
      .nullable()
      .openapi({ description: "The method priced: the one asked for, else the cheapest" }),
    /** Whether the method asked for takes the cart there (false: `method` is the cheapest instead). */
    methodApplies: z.boolean(),
    summary: z.object({
      subtotal: money,
      discount: money,
      shipping: money,
      tax: money,
      total: money,
      pricesIncludeTax: z.boolean(),
      /** The tax by rate, goods and shipping together, largest rate first. */
      taxLines: z.array(z.object({ rateBps: z.number().int(), amount: money })),
      shippingDiscount: money.optional().openapi({ description: "What promotions took off shipping" }),
    }),
    currency: z.string(),
    promotions: z.array(appliedPromotionSchema).optional(),
    code: codeStateSchema.nullable().optional(),
  })
  .openapi("ShippingOptions");

export type ShippingOptions = z.infer<typeof shippingOptionsSchema>;
