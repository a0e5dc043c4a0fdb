import type { Database } from "../../db/client.ts";
import { decodeCursor, encodeCursor } from "../lib/cursor.ts";
import { AppError } from "../lib/errors.ts";
import { hashPassword } from "../lib/password.ts";
import type { Role } from "../lib/tokens.ts";
import { requireUsername } from "../lib/username.ts";
import { recordAudit } from "../repositories/audit.repository.ts";
import { revokeAllForUser } from "../repositories/refresh-tokens.repository.ts";
import { findUserById, insertUser, searchUsers, type UserRow, updateUser } from "../repositories/users.repository.ts";
import type { User } from "../schemas/auth.ts";
import { publicUser } from "./auth.service.ts";

export interface AdminUser extends User {
  isActive: boolean;
  createdAt: string;
}

const adminView = (row: UserRow): AdminUser => ({
  ...publicUser(row),
  isActive: row.isActive,
  createdAt: row.createdAt.toISOString(),
});

export async function listUsers(db: Database, query: { q?: string; role?: Role; limit: number; cursor?: string }) {
  const after = query.cursor ? decodeCursor(query.cursor)[0] : undefined;
  const rows = await searchUsers(db, { q: query.q, role: query.role }, query.limit + 1, after);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(adminView),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.username, last.id]) : null,
  };
}

export async function createUser(
  db: Database,
  actor: UserRow,
  input: { username: string; password: string; role: Role; verified?: boolean },
  defaultRegion: string,
): Promise<AdminUser> {
  const username = requireUsername(input.username, defaultRegion);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const row = await insertUser(tx, {
      username: username.value,
      channel: username.channel,
      passwordHash,
      role: input.role,
      verified: input.verified ?? true,
    });
    if (!row) throw new AppError("username_taken", "An account with this username already exists.");
    await recordAudit(tx, {
      actorId: actor.id,
      action: "user.create",
      entity: "user",
      entityId: row.id,
      before: null,
      after: adminView(row),
    });
    return adminView(row);
  });
}

/** Changes a role or deactivates; a deactivated user loses every session at once. */
export async function changeUser(
  db: Database,
  actor: UserRow,
  id: string,
  changes: { role?: Role; active?: boolean },
): Promise<AdminUser> {
  if (id === actor.id && (changes.active === false || (changes.role && changes.role !== "admin"))) {
    throw new AppError("conflict", "Admins cannot deactivate or demote themselves; ask another admin.");
  }
  return db.transaction(async (tx) => {
    const before = await findUserById(tx, id);
    if (!before) throw new AppError("not_found", "No such user.");
    const after = await updateUser(tx, id, { role: changes.role, isActive: changes.active });
    if (!after) throw new AppError("not_found", "No such user.");
    if (changes.active === false) await revokeAllForUser(tx, id);
    await recordAudit(tx, {
      actorId: actor.id,
      action: "user.update",
      entity: "user",
      entityId: id,
      before: adminView(before),
      after: adminView(after),
    });
    return adminView(after);
  });
}
