import { z } from "@hono/zod-openapi";
import { shopSettings, taxClasses, taxRates } from "../../db/schema.ts";
import { destinationSchema } from "./shipping.ts";
import { zoneCountry } from "./shipping-admin.ts";
import { createSelectSchema } from "./tables.ts";

const nonEmpty = (v: object) => Object.keys(v).length > 0;

const classFields = {
  name: z.string().trim().min(1).max(60),
  /** true: this class becomes the default (new variants' class), taken from the one that had it. */
  isDefault: z.boolean(),
  position: z.number().int().min(0).max(2_147_483_647),
};

export const taxClassBody = z
  .object({ ...classFields, isDefault: classFields.isDefault.optional(), position: classFields.position.optional() })
  .openapi("TaxClassBody");

export const taxClassChanges = z
  .object(classFields)
  .partial()
  .refine(nonEmpty, "give at least one field")
  .openapi("TaxClassChanges");

const rateFields = {
  /** A country of ISO 3166-1, or `*` for everywhere the class has no rate of its own. */
  country: zoneCountry,
  /** A subdivision of the country (ISO 3166-2 without the country: CA, NSW); "" or none for the whole country. */
  subdivision: z.union([z.literal(""), destinationSchema.shape.subdivision.unwrap()]),
  /** Basis points: 2000 is 20 %. */
  rateBps: z.number().int().min(0).max(10_000).openapi({ example: 2000 }),
};
const wholeWorld = {
  check: (rate: { country?: string; subdivision?: string }) => !(rate.country === "*" && rate.subdivision),
  message: { message: "a subdivision needs its country", path: ["subdivision"] },
};

export const taxRateBody = z
  .object({ ...rateFields, subdivision: rateFields.subdivision.optional() })
  .refine(wholeWorld.check, wholeWorld.message)
  .openapi("TaxRateBody");

export const taxRateChanges = z
  .object(rateFields)
  .partial()
  .refine(nonEmpty, "give at least one field")
  .openapi("TaxRateChanges");

export const taxRateSchema = createSelectSchema(taxRates)
  .pick({ id: true, country: true, subdivision: true, rateBps: true })
  .openapi("TaxRate");

export const taxClassSchema = createSelectSchema(taxClasses)
  .pick({ id: true, name: true, isDefault: true, position: true })
  .extend({
    rates: z.array(taxRateSchema),
    /** How many variants this class taxes (a class in use cannot be deleted). */
    variantCount: z.number().int(),
    /** Whether the shop's shipping is taxed by this class. */
    taxesShipping: z.boolean(),
  })
  .openapi("TaxClass");

export const taxClassListSchema = z.object({ items: z.array(taxClassSchema) }).openapi("TaxClasses");

export const taxSettingsSchema = createSelectSchema(shopSettings)
  .pick({ pricesIncludeTax: true, shippingTaxClassId: true })
  .openapi("TaxSettings");

export const taxSettingsChanges = taxSettingsSchema
  .extend({ shippingTaxClassId: z.uuid() })
  .partial()
  .refine(nonEmpty, "give at least one field")
  .openapi("TaxSettingsChanges");

export const rateParams = z.object({ id: z.uuid(), rateId: z.uuid() });

export type TaxClassBody = z.infer<typeof taxClassBody>;
export type TaxClassChanges = z.infer<typeof taxClassChanges>;
export type TaxRateBody = z.infer<typeof taxRateBody>;
export type TaxRateChanges = z.infer<typeof taxRateChanges>;
export type TaxClass = z.infer<typeof taxClassSchema>;
export type TaxSettings = z.infer<typeof taxSettingsSchema>;
export type TaxSettingsChanges = z.infer<typeof taxSettingsChanges>;
