import { z } from "@hono/zod-openapi";
import { shippingMethods, shippingRates, shippingZones } from "../../db/schema.ts";
import { amountIn, intParam, money } from "./common.ts";
import { destinationSchema } from "./shipping.ts";
import { createSelectSchema } from "./tables.ts";

const { country, subdivision } = destinationSchema.shape;
const largestInt32 = 2_147_483_647;
const position = z.number().int().min(0).max(largestInt32);
const eachOnce = <T>(values: T[]) => new Set(values).size === values.length;

/** A country of ISO 3166-1, or `*` for the rest of the world. */
export const zoneCountry = z.union([z.literal("*"), country]).openapi({ example: "FR" });

/** `75*` (a prefix), `75000-75999` (a range of numbers of one length) or a whole code. */
export const postalPattern = z
  .string()
  .trim()
  .toUpperCase()
  .max(20)
  .regex(/^(?:\d+-\d+|[A-Z0-9][A-Z0-9 -]*\*?)$/, "a prefix (75*), a range (75000-75999) or a whole postal code")
  .refine((pattern) => {
    const range = /^(\d+)-(\d+)$/.exec(pattern);
    return !range || (range[1].length === range[2].length && range[1] <= range[2]);
  }, "a range's ends have as many digits, the lower first")
  .openapi({ example: "69*" });

const zoneFields = {
  name: z.string().trim().min(1).max(100),
  countries: z.array(zoneCountry).min(1).max(250).refine(eachOnce, "each country once"),
  subdivisions: z.array(subdivision.unwrap()).max(100).refine(eachOnce, "each subdivision once"),
  postalPatterns: z.array(postalPattern).max(200).refine(eachOnce, "each pattern once"),
  position,
};

export const zoneBody = z
  .object({
    ...zoneFields,
    subdivisions: zoneFields.subdivisions.optional(),
    postalPatterns: zoneFields.postalPatterns.optional(),
    position: position.optional(),
  })
  .openapi("ShippingZoneBody");

export const zoneChanges = z
  .object(zoneFields)
  .partial()
  .refine((v) => Object.keys(v).length > 0, "give at least one field")
  .openapi("ShippingZoneChanges");

const bound = z.number().int().min(0).max(largestInt32);

/** A weight (grams) or subtotal band: from `min` up to, not including, `max` (open when null). */
export const bandInput = z
  .object({ min: bound, max: bound.nullable(), price: amountIn })
  .refine((band) => band.max === null || band.max > band.min, { message: "max is above min", path: ["max"] });

export const bandsBody = z.object({ bands: z.array(bandInput).max(100) }).openapi("ShippingBandsBody");

const days = z.number().int().min(0).max(365);
const methodFields = {
  name: z.string().trim().min(1).max(100),
  kind: z.enum(shippingMethods.kind.enumValues),
  /** A flat or pickup method's price. */
  price: amountIn,
  freeAbove: amountIn.nullable(),
  minDays: days.nullable(),
  maxDays: days.nullable(),
  active: z.boolean(),
  position,
};
const daysInOrder = {
  check: (m: { minDays?: number | null; maxDays?: number | null }) =>
    m.minDays == null || m.maxDays == null || m.minDays <= m.maxDays,
  message: { message: "maxDays is at least minDays", path: ["maxDays"] },
};

export const methodBody = z
  .object({
    ...methodFields,
    price: methodFields.price.optional(),
    freeAbove: methodFields.freeAbove.optional(),
    minDays: methodFields.minDays.optional(),
    maxDays: methodFields.maxDays.optional(),
    active: methodFields.active.optional(),
    position: position.optional(),
    bands: bandsBody.shape.bands.optional(),
  })
  .refine(daysInOrder.check, daysInOrder.message)
  .openapi("ShippingMethodBody");

export const methodChanges = z
  .object(methodFields)
  .partial()
  .refine((v) => Object.keys(v).length > 0, "give at least one field")
  .refine(daysInOrder.check, daysInOrder.message)
  .openapi("ShippingMethodChanges");

export const bandSchema = createSelectSchema(shippingRates).pick({ min: true, max: true, price: true });

export const methodSchema = createSelectSchema(shippingMethods)
  .pick({
    id: true,
    name: true,
    kind: true,
    price: true,
    freeAbove: true,
    minDays: true,
    maxDays: true,
    active: true,
    position: true,
  })
  .extend({ bands: z.array(bandSchema) })
  .openapi("ShippingMethod");

export const zoneSchema = createSelectSchema(shippingZones)
  .pick({ id: true, name: true, countries: true, subdivisions: true, postalPatterns: true, position: true })
  .extend({ methods: z.array(methodSchema) })
  .openapi("ShippingZone");

export const zoneListSchema = z.object({ items: z.array(zoneSchema), currency: z.string() }).openapi("ShippingZones");

export const zoneParams = z.object({ id: z.uuid() });
export const methodParams = z.object({ id: z.uuid(), methodId: z.uuid() });

/** Where and what the preview prices: an address and a cart's weight and subtotal (after discounts). */
export const previewQuery = destinationSchema.extend({
  postalCode: destinationSchema.shape.postalCode.optional(),
  weightGrams: intParam.default(0),
  subtotal: intParam.default(0),
});

/** Why a method does not take the cart: off, no band of it holds the cart, or priced by each item's own amount. */
export const notApplying = z.enum(["inactive", "no_band", "per_item"]);

export const previewSchema = z
  .object({
    zone: z.object({ id: z.string(), name: z.string() }).nullable(),
    methods: z.array(
      methodSchema.omit({ bands: true, freeAbove: true }).extend({
        /** What the method charges the cart; null when it does not apply (`reason` says why). */
        price: money.nullable(),
        reason: notApplying.nullable(),
      }),
    ),
    /** The tax rates of the address: the default class's (goods) and the shipping class's. */
    tax: z.object({ pricesIncludeTax: z.boolean(), goodsRateBps: z.number().int(), shippingRateBps: z.number().int() }),
    currency: z.string(),
  })
  .openapi("ShippingPreview");

export type ZoneBody = z.infer<typeof zoneBody>;
export type ZoneChanges = z.infer<typeof zoneChanges>;
export type MethodBody = z.infer<typeof methodBody>;
export type MethodChanges = z.infer<typeof methodChanges>;
export type BandInput = z.infer<typeof bandInput>;
export type Zone = z.infer<typeof zoneSchema>;
export type ShippingPreview = z.infer<typeof previewSchema>;
export type PreviewQuery = z.infer<typeof previewQuery>;
