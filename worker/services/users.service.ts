import { cursorKeys, decodeCursor, pageOf } from "../lib/cursor.ts";
import { AppError } from "../lib/errors.ts";
import { hashPassword } from "../lib/password.ts";
import type { Role } from "../lib/tokens.ts";
import { requireUsername } from "../lib/username.ts";
import type { ActorContext, ShopContext } from "../platform/context.ts";
import { recordAudit } from "../repositories/audit.repository.ts";
import {
  endAllSessions,
  expireAccessTokens,
  findUserById,
  insertUser,
  searchCustomers,
  searchUsers,
  type UserRow,
  updateUser,
} from "../repositories/users.repository.ts";
import type { User } from "../schemas/auth.ts";
import { publicUser } from "./auth.service.ts";

export interface AdminUser extends User {
  active: boolean;
  createdAt: string;
}

const adminView = (row: UserRow): AdminUser => ({
  ...publicUser(row),
  active: row.active,
  createdAt: row.createdAt.toISOString(),
});

export async function listUsers(ctx: ShopContext, query: { q?: string; role?: Role; limit: number; cursor?: string }) {
  const after = query.cursor ? decodeCursor(query.cursor, cursorKeys.text)[0] : undefined;
  const rows = await searchUsers(ctx.db, { q: query.q, role: query.role }, query.limit + 1, after);
  const page = pageOf(rows, query.limit, (row) => [row.username, row.id]);
  return { ...page, items: page.items.map(adminView) };
}

export async function createUser(
  ctx: ActorContext,
  input: { username: string; password: string; role: Role; verified?: boolean },
): Promise<AdminUser> {
  const { actor } = ctx;
  const username = requireUsername(input.username, ctx.config.phoneRegion);
  const passwordHash = await hashPassword(input.password);
  return ctx.transaction(async (tx) => {
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

/**
 * Changes a role or deactivates. A deactivated user loses every session at once; a user whose role
 * changed loses their access tokens, and the next refresh (which browsers do on their own) brings the
 * new role.
 */
export async function changeUser(
  ctx: ActorContext,
  id: string,
  changes: { role?: Role; active?: boolean },
): Promise<AdminUser> {
  const { actor } = ctx;
  if (id === actor.id && (changes.active === false || (changes.role && changes.role !== "admin"))) {
    throw new AppError("conflict", "Admins cannot deactivate or demote themselves; ask another admin.");
  }
  let roleChanged = false;
  const changed = await ctx.transaction(async (tx) => {
    const before = await findUserById(tx, id);
    if (!before) throw new AppError("not_found", "No such user.");
    if (changes.active === false) await endAllSessions(tx, id);
    // Access tokens carry the role: a new role needs new tokens, which the next refresh brings.
    roleChanged = changes.role !== undefined && changes.role !== before.role;
    if (roleChanged && changes.active !== false) await expireAccessTokens(tx, id);
    const after = await updateUser(tx, id, { role: changes.role, active: changes.active });
    if (!after) throw new AppError("not_found", "No such user.");
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
  // Sockets were opened under the old role (a demoted staff member's dashboard among them): they close,
  // and a reconnect is admitted under the new one.
  if (changes.active === false) ctx.live.disconnect(id, { userId: id }, "account deactivated");
  else if (roleChanged) ctx.live.disconnect(id, { userId: id }, "role changed");
  return changed;
}

/** Customers for staff, by username or display name, keyset-paged by username. */
export async function findCustomers(ctx: ShopContext, query: { q?: string; limit: number; cursor?: string }) {
  const after = query.cursor ? decodeCursor(query.cursor, cursorKeys.text)[0] : undefined;
  const rows = await searchCustomers(ctx.db, query.q, query.limit + 1, after);
  const page = pageOf(rows, query.limit, (row) => [row.username, row.id]);
  return {
    ...page,
    items: page.items.map((row) => ({
      id: row.id,
      username: row.username,
      displayName: row.displayName,
      createdAt: row.createdAt.toISOString(),
    })),
  };
}
