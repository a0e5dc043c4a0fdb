import { cursorKeys, decodeCursor, pageOf } from "../lib/cursor.ts";
import { AppError } from "../lib/errors.ts";
import type { ActorContext, ShopContext } from "../platform/context.ts";
import { recordAudit } from "../repositories/audit.repository.ts";
import {
  listCommentsForModeration,
  listRatingsForModeration,
  type Moderated,
  setApproval,
} from "../repositories/moderation.repository.ts";
import { bumpCatalogVersion } from "./catalog-version.ts";

/** Approves or hides a comment or rating text, audited; the shop's cached pages refresh. */
export async function moderate(ctx: ActorContext, what: Moderated, id: string, approved: boolean) {
  const { actor } = ctx;
  await ctx.transaction(async (tx) => {
    const before = await setApproval(tx, what, id, approved);
    if (before === undefined) throw new AppError("not_found", `No such ${what === "comments" ? "comment" : "rating"}.`);
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
