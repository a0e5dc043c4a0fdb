import type { Redis } from "@upstash/redis/cloudflare";
import type { Database } from "../../db/client.ts";
import { cursorKeys, decodeCursor, pageOf } from "../lib/cursor.ts";
import { AppError } from "../lib/errors.ts";
import { recordAudit } from "../repositories/audit.repository.ts";
import {
  listCommentsForModeration,
  listRatingsForModeration,
  type Moderated,
  setApproval,
} from "../repositories/moderation.repository.ts";
import type { UserRow } from "../repositories/users.repository.ts";
import { bumpCatalogVersion } from "./admin-catalog.service.ts";

/** Approves or hides a comment or rating text, audited; the shop's cached pages refresh. */
export async function moderate(
  db: Database,
  redis: Redis,
  actor: UserRow,
  what: Moderated,
  id: string,
  approved: boolean,
) {
  await db.transaction(async (tx) => {
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
  await bumpCatalogVersion(redis);
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

export async function commentQueue(db: Database, query: ModerationQuery) {
  return pageOf(await listCommentsForModeration(db, filterOf(query)), query.limit, (row) => [row.at, row.id]);
}

export async function ratingQueue(db: Database, query: ModerationQuery) {
  return pageOf(await listRatingsForModeration(db, filterOf(query)), query.limit, (row) => [row.at, row.id]);
}
