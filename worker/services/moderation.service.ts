import { cursorKeys, decodeCursor, pageOf } from "../lib/cursor.ts";
import { AppError } from "../lib/errors.ts";
import type { ActorContext, ShopContext } from "../platform/context.ts";
import { recordAudit } from "../repositories/audit.repository.ts";
import {
  deleteModerated,
  listCommentsForModeration,
  listRatingsForModeration,
  type Moderated,
  rejectRatingText,
  setApproval,
} from "../repositories/moderation.repository.ts";
import { bumpCatalogVersion } from "./catalog-version.ts";

/** Approves or hides a comment or rating text, audited; the shop's cached pages refresh. */
export async function moderate(ctx: ActorContext, what: Moderated, id: string, approved: boolean) {
  const { actor } = ctx;
  await ctx.transaction(async (tx) => {
    const before = await setApproval(tx, what, id, approved);
    if (before === undefined) throw noSuch(what);
    await recordAudit(tx, {
      actorId: actor.id,
      action: `${what}.moderate`,
      entity: what,
      entityId: id,
      before: { approved: before },
      after: { approved },
    });
  });
  await bumpCatalogVersion(ctx);
  return { id, approved };
}

const noSuch = (what: Moderated) => new AppError("not_found", `No such ${what === "comments" ? "comment" : "rating"}.`);

/** Rejects a rating's text: the shop never shows it, the shopper's stars still count. Audited. */
export async function rejectText(ctx: ActorContext, id: string) {
  const { actor } = ctx;
  await ctx.transaction(async (tx) => {
    const before = await rejectRatingText(tx, id);
    if (before === undefined) throw noSuch("ratings");
    await recordAudit(tx, {
      actorId: actor.id,
      action: "ratings.reject",
      entity: "ratings",
      entityId: id,
      before,
      after: { text: null, approved: false },
    });
  });
  await bumpCatalogVersion(ctx);
  return { id, approved: false };
}

/** Deletes a comment, or a rating with its vote. Audited, with what it said. */
export async function deleteEntry(ctx: ActorContext, what: Moderated, id: string) {
  const { actor } = ctx;
  await ctx.transaction(async (tx) => {
    const before = await deleteModerated(tx, what, id);
    if (before === undefined) throw noSuch(what);
    await recordAudit(tx, {
      actorId: actor.id,
      action: `${what}.delete`,
      entity: what,
      entityId: id,
      before,
      after: null,
    });
  });
  await bumpCatalogVersion(ctx);
}

export interface ModerationQuery {
  approved?: boolean;
  limit: number;
  cursor?: string;
}

const filterOf = (query: ModerationQuery) => ({
  approved: query.approved,
  limit: query.limit + 1,
  before: query.cursor ? decodeCursor(query.cursor, cursorKeys.time) : undefined,
});

export async function commentQueue(ctx: ShopContext, query: ModerationQuery) {
  return pageOf(await listCommentsForModeration(ctx.db, filterOf(query)), query.limit, (row) => [row.at, row.id]);
}

export async function ratingQueue(ctx: ShopContext, query: ModerationQuery) {
  return pageOf(await listRatingsForModeration(ctx.db, filterOf(query)), query.limit, (row) => [row.at, row.id]);
}
