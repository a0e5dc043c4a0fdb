import { query } from "@solidjs/router";
import { type Answer, read } from "../../lib/http.ts";
import { api } from "../../lib/session.ts";

/*
 * A variant's scheduled price changes and its price history. Keys: "admin-price-schedules",
 * "admin-price-history" (neither starts the other, nor any other key).
 */

const variants = api.admin.variants[":id"];

export type PriceSchedule = Answer<(typeof variants)["price-schedules"]["$get"]>["items"][number];
export type PriceHistoryEntry = Answer<(typeof variants)["price-history"]["$get"]>["items"][number];

const page = (cursor?: string) => ({ limit: "10", ...(cursor ? { cursor } : {}) });

/** A variant's scheduled changes, the latest start first (so the pending ones lead), 10 at a time. */
export const getPriceSchedulesPage = query(
  (variantId: string, cursor?: string) =>
    read(variants["price-schedules"].$get({ param: { id: variantId }, query: page(cursor) })),
  "admin-price-schedules",
);

/** Every selling price the variant had, newest first, 10 at a time. */
export const getPriceHistoryPage = query(
  (variantId: string, cursor?: string) =>
    read(variants["price-history"].$get({ param: { id: variantId }, query: page(cursor) })),
  "admin-price-history",
);

export type ScheduleBody = Parameters<(typeof variants)["price-schedules"]["$post"]>[0]["json"];

export const schedulePriceChange = (variantId: string, json: ScheduleBody) =>
  read(variants["price-schedules"].$post({ param: { id: variantId }, json }));

export const cancelPriceChange = (id: string) => read(api.admin["price-schedules"][":id"].$delete({ param: { id } }));
