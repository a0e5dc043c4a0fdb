import { cursorKeys, decodeCursor, pageOf } from "../lib/cursor.ts";
import { AppError } from "../lib/errors.ts";
import type { ActorContext, ShopContext } from "../platform/context.ts";
import {
  applyDueSchedules,
  deletePendingSchedule,
  insertPriceSchedule,
  priceHistoryStatement,
  priceSchedulesStatement,
  variantExistsStatement,
} from "../repositories/price-schedules.repository.ts";
import type { PriceHistoryEntry, PriceSchedule, PriceScheduleInput } from "../schemas/price-schedules.ts";
import { bumpCatalogVersion } from "./catalog-version.ts";

type Page = { limit: number; cursor?: string };
type Statement = Parameters<ShopContext["db"]["batch"]>[0][number];

export async function schedulePriceChange(
  ctx: ActorContext,
  variantId: string,
  input: PriceScheduleInput,
): Promise<PriceSchedule> {
  if (Date.parse(input.startsAt) <= Date.now()) {
    throw new AppError("invalid_request", "A price change is scheduled for a time to come.", [
      { path: "startsAt", message: "must be in the future" },
    ]);
  }
  const { fits, schedule } = await insertPriceSchedule(ctx.db, {
    variantId,
    price: input.price,
    oldPrice: input.oldPrice ?? null,
    discount: input.discount ?? 0,
    startsAt: input.startsAt,
    actorId: ctx.actor.id,
  });
  if (fits === null) throw new AppError("not_found", "No such variant.");
  if (!schedule) {
    throw new AppError("invalid_request", "With the variant's shipping, this price is more than the shop takes in.", [
      { path: "price", message: "price + shipping − discount is too large" },
    ]);
  }
  return schedule;
}

/** Staff's own cancel: only a change still pending can go; an applied one is part of the history. */
export async function cancelPriceSchedule(ctx: ActorContext, id: string): Promise<void> {
  const { found, deleted } = await deletePendingSchedule(ctx.db, id, ctx.actor.id);
  if (!found) throw new AppError("not_found", "No such price change.");
  if (!deleted) throw new AppError("conflict", "This price change was applied already; schedule another instead.");
}

/** One round trip: whether the variant exists, with the page of its list. */
async function variantPage<Row>(
  ctx: ShopContext,
  variantId: string,
  page: Page,
  list: (before?: [string, string]) => Statement,
  keyOf: (row: Row) => [string, string],
) {
  const before = page.cursor ? decodeCursor(page.cursor, cursorKeys.time) : undefined;
  const batch = [variantExistsStatement(ctx.db, variantId), list(before)] as const;
  const [variant, rows] = (await ctx.db.batch(batch)) as unknown as { rows: unknown[] }[];
  if (variant.rows.length === 0) throw new AppError("not_found", "No such variant.");
  return pageOf(rows.rows as Row[], page.limit, keyOf);
}

/** A variant's scheduled changes, pending and applied, the latest start first. */
export const priceSchedulesOf = (ctx: ShopContext, variantId: string, page: Page) =>
  variantPage<PriceSchedule>(
    ctx,
    variantId,
    page,
    (before) => priceSchedulesStatement(ctx.db, variantId, page.limit + 1, before),
    (row) => [row.startsAt, row.id],
  );

/** Every selling price the variant had, newest first. */
export const priceHistoryOf = (ctx: ShopContext, variantId: string, page: Page) =>
  variantPage<PriceHistoryEntry>(
    ctx,
    variantId,
    page,
    (before) => priceHistoryStatement(ctx.db, variantId, page.limit + 1, before),
    (row) => [row.changedAt, row.id],
  );

/**
 * The scheduled job's part: applies the due price changes and, as a staff edit of a product does,
 * moves the catalog's version on so cached catalog reads show the new prices. Answers the ids of the
 * schedules this run applied.
 */
export async function applyDuePriceSchedules(ctx: ShopContext): Promise<string[]> {
  const { scheduleIds, productIds } = await applyDueSchedules(ctx.db);
  if (productIds.length > 0) await bumpCatalogVersion(ctx);
  return scheduleIds;
}
