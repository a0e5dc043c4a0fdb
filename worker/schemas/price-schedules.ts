import { z } from "@hono/zod-openapi";
import { variantPriceHistory, variantPriceSchedules } from "../../db/schema.ts";
import { amountIn, isoDateTime, listSchema, timestamp } from "./common.ts";
import { createSelectSchema } from "./tables.ts";

/**
 * A price change for a variant, applied by the scheduled job once `startsAt` has come: the variant's
 * price, compare-at price and discount all become these (an omitted `oldPrice` shows none, an omitted
 * `discount` is 0).
 */
export const priceScheduleBody = z
  .object({
    price: amountIn,
    oldPrice: amountIn
      .nullable()
      .optional()
      .openapi({ description: "The compare-at price shown struck through from then on; none without it" }),
    discount: amountIn
      .optional()
      .openapi({ description: "Taken off the price (the selling price is price − discount)" }),
    startsAt: isoDateTime.openapi({ description: "When it applies (ISO 8601, in the future)" }),
  })
  .refine((body) => (body.discount ?? 0) <= body.price, {
    message: "the discount cannot be more than the price",
    path: ["discount"],
  });

export const priceScheduleSchema = createSelectSchema(variantPriceSchedules)
  .pick({ id: true, variantId: true, price: true, oldPrice: true, discount: true })
  .extend({
    startsAt: timestamp,
    /** Null while pending; when the job applied it otherwise. */
    appliedAt: timestamp.nullable(),
    createdBy: z.object({ id: z.string(), username: z.string() }).nullable(),
    createdAt: timestamp,
  })
  .openapi("PriceSchedule");

export const priceScheduleListSchema = listSchema(priceScheduleSchema, "PriceSchedules");

/** A selling price (price − discount) a variant had from `changedAt` until the next entry. */
export const priceHistoryEntrySchema = createSelectSchema(variantPriceHistory)
  .pick({ id: true, price: true })
  .extend({ changedAt: timestamp })
  .openapi("PriceHistoryEntry");

export const priceHistorySchema = listSchema(priceHistoryEntrySchema, "PriceHistory");

export type PriceScheduleInput = z.infer<typeof priceScheduleBody>;
export type PriceSchedule = z.infer<typeof priceScheduleSchema>;
export type PriceHistoryEntry = z.infer<typeof priceHistoryEntrySchema>;
