import { and, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { refreshTokens } from "../../db/schema.ts";
import { refreshTokenTtlSeconds } from "../lib/tokens.ts";

/**
 * How long after a refresh token was rotated presenting it again still answers its successor (as
 * long as the successor itself was not used yet): tabs and retries that refresh at once share one
 * rotation, while a replay later than this, or after the successor moved on, is reuse.
 */
export const refreshGraceSeconds = 30;

export async function insertRefreshToken(
  db: Database,
  token: { userId: string; familyId: string; tokenHash: string; expiresAt: Date },
): Promise<void> {
  await db.insert(refreshTokens).values(token);
}

/**
 * Rotates a live refresh token into its successor, in one statement. The presented row is locked, so
 * of requests presenting one token at once the first rotates it and the others, within the grace
 * window and before the successor was used, get the same successor. Answers the session's user and
 * family, or nothing when the token is unknown, expired, revoked or past its grace.
 */
export async function rotateRefreshToken(db: Database, presentedHash: string, successorHash: string) {
  const result = await db.execute<{ userId: string; familyId: string }>(sql`
    WITH presented AS (
      SELECT id, rotated_at FROM refresh_tokens
      WHERE token_hash = ${presentedHash} AND revoked_at IS NULL AND expires_at > now() FOR UPDATE
    ), rotated AS (
      UPDATE refresh_tokens t SET rotated_at = coalesce(t.rotated_at, now())
      FROM presented p
      WHERE t.id = p.id AND (p.rotated_at IS NULL OR (
        p.rotated_at > now() - make_interval(secs => ${refreshGraceSeconds})
        AND NOT EXISTS (SELECT 1 FROM refresh_tokens s WHERE s.token_hash = ${successorHash}
          AND (s.rotated_at IS NOT NULL OR s.revoked_at IS NOT NULL))))
      RETURNING t.user_id, t.family_id
    ), successor AS (
      INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at)
      SELECT user_id, family_id, ${successorHash}, now() + make_interval(secs => ${refreshTokenTtlSeconds}) FROM rotated
      ON CONFLICT (token_hash) DO NOTHING
    )
    SELECT user_id AS "userId", family_id AS "familyId" FROM rotated`);
  return result.rows[0];
}

export async function findRefreshToken(db: Database, tokenHash: string) {
  const [row] = await db.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, tokenHash)).limit(1);
  return row;
}

export async function revokeFamily(db: Database, familyId: string): Promise<void> {
  await db
    .update(refreshTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)));
}
