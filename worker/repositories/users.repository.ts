import { and, asc, eq, gt, ilike, or, type SQL, sql } from "drizzle-orm";
import type { Database, HttpDatabase } from "../../db/client.ts";
import { users } from "../../db/schema.ts";
import type { Channel } from "../lib/parse-username.ts";
import type { Role } from "../lib/tokens.ts";
import { containing } from "./sql.ts";

export type UserRow = typeof users.$inferSelect;

export async function findUserByUsername(db: Database, username: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.username, username)).limit(1);
  return row;
}

export async function findUserById(db: Database, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

type NewUser = { username: string; channel: Channel; passwordHash?: string; role?: Role; verified?: boolean };

/** A new user's row: the username is its email or its phone, by its channel. */
const newUserRow = (user: NewUser) => ({
  username: user.username,
  email: user.channel === "email" ? user.username : null,
  phone: user.channel === "sms" ? user.username : null,
  passwordHash: user.passwordHash ?? null,
  role: user.role ?? "customer",
  isEmailVerified: user.channel === "email" && Boolean(user.verified),
  isPhoneVerified: user.channel === "sms" && Boolean(user.verified),
});

/** Inserts a user; returns undefined when the username (or its email/phone) is taken. */
export async function insertUser(db: Database, user: NewUser): Promise<UserRow | undefined> {
  const [row] = await db.insert(users).values(newUserRow(user)).onConflictDoNothing().returning();
  return row;
}

/**
 * Registration's one round trip: inserts a customer (without a password until verified) for a free
 * username, and reads the account that holds it now (the new one, or the one that held it before).
 */
export async function claimUsername(
  db: HttpDatabase,
  user: NewUser,
): Promise<{ row: UserRow | undefined; created: boolean }> {
  const [inserted, holder] = await db.batch([
    db.insert(users).values(newUserRow(user)).onConflictDoNothing().returning({ id: users.id }),
    db.select().from(users).where(eq(users.username, user.username)).limit(1),
  ]);
  return { row: holder[0], created: inserted.length === 1 };
}

/**
 * The first verification of an account: marks the channel verified and sets the password its owner
 * chose, if any (a registered account has none before; one staff made keeps theirs). Only an account
 * not yet verified on that channel changes.
 */
export async function verifyOwner(
  db: Database,
  id: string,
  channel: Channel,
  passwordHash: string | null,
): Promise<UserRow | undefined> {
  const unverified = channel === "email" ? eq(users.isEmailVerified, false) : eq(users.isPhoneVerified, false);
  const [row] = await db
    .update(users)
    .set({
      ...(channel === "email" ? { isEmailVerified: true } : { isPhoneVerified: true }),
      ...(passwordHash ? { passwordHash } : {}),
      updatedAt: sql`now()`,
    })
    .where(and(eq(users.id, id), unverified))
    .returning();
  return row;
}

export async function markChannelVerified(db: Database, id: string, channel: Channel): Promise<UserRow | undefined> {
  const [row] = await db
    .update(users)
    .set(
      channel === "email"
        ? { isEmailVerified: true, updatedAt: sql`now()` }
        : { isPhoneVerified: true, updatedAt: sql`now()` },
    )
    .where(eq(users.id, id))
    .returning();
  return row;
}

export async function setPasswordHash(db: Database, id: string, passwordHash: string): Promise<void> {
  await db.update(users).set({ passwordHash, updatedAt: sql`now()` }).where(eq(users.id, id));
}

/**
 * Ends every session of a user at once, in one statement: their refresh tokens are revoked and the
 * session epoch grows, so access tokens issued before it are refused on their next request.
 */
export async function endAllSessions(db: Database, id: string): Promise<void> {
  await db.execute(sql`
    WITH revoked AS (
      UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = ${id} AND revoked_at IS NULL
    )
    UPDATE users SET session_epoch = session_epoch + 1, updated_at = now() WHERE id = ${id}`);
}

/** Makes the user's access tokens stale (their refresh tokens stay good): the next refresh re-reads the user. */
export async function expireAccessTokens(db: Database, id: string): Promise<void> {
  await db.execute(sql`UPDATE users SET session_epoch = session_epoch + 1, updated_at = now() WHERE id = ${id}`);
}

export async function updateUser(
  db: Database,
  id: string,
  changes: { role?: Role; active?: boolean; displayName?: string | null },
) {
  const [row] = await db
    .update(users)
    .set({ ...changes, updatedAt: sql`now()` })
    .where(eq(users.id, id))
    .returning();
  return row;
}

export async function searchUsers(
  db: Database,
  filters: { q?: string; role?: Role },
  limit: number,
  afterUsername?: string,
): Promise<UserRow[]> {
  const conditions: SQL[] = [];
  if (filters.q) conditions.push(ilike(users.username, containing(filters.q)));
  if (filters.role) conditions.push(eq(users.role, filters.role));
  if (afterUsername) conditions.push(gt(users.username, afterUsername));
  return db
    .select()
    .from(users)
    .where(and(...conditions))
    .orderBy(asc(users.username))
    .limit(limit);
}

export async function searchCustomers(db: Database, q: string | undefined, limit: number, afterUsername?: string) {
  const conditions: SQL[] = [eq(users.role, "customer")];
  if (q) conditions.push(or(ilike(users.username, containing(q)), ilike(users.displayName, containing(q))) as SQL);
  if (afterUsername) conditions.push(gt(users.username, afterUsername));
  return db
    .select({ id: users.id, username: users.username, displayName: users.displayName, createdAt: users.createdAt })
    .from(users)
    .where(and(...conditions))
    .orderBy(asc(users.username))
    .limit(limit);
}
