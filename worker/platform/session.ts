import { sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Database, Prelude } from "../../db/client.ts";
import type { Role } from "../lib/tokens.ts";
import type { User } from "../schemas/auth.ts";

/** What an access token claims about its user, checked against the user row before anything is released. */
export interface SessionClaims {
  userId: string;
  role: Role;
  epoch: number;
  sessionId: string | null;
}

/** The roles each access admits; `public` needs no token at all. */
export const admitted: Record<"signedIn" | "staff" | "admin", readonly Role[]> = {
  signedIn: ["customer", "staff", "admin"],
  staff: ["staff", "admin"],
  admin: ["admin"],
};

const dialect = new PgDialect();

/**
 * A signed-in request's session. The check that the user is still active, their session epoch the
 * token's and their role admitted travels with the request's first statement (one round trip in all);
 * a request that reaches the database no other way runs it alone before its answer is released.
 */
export class Session {
  #user: User | undefined;
  #checking = false;

  constructor(
    readonly claims: SessionClaims,
    private readonly admitted: readonly Role[],
  ) {}

  get checked(): boolean {
    return this.#user !== undefined;
  }

  /** The check, as a statement; see the royal_session function in the migrations. */
  #check() {
    const roles = `{${this.admitted.join(",")}}`;
    return sql`SELECT royal_session(${this.claims.userId}::uuid, ${this.claims.epoch}::int, ${roles}::user_role[], ${this.claims.sessionId}::uuid) AS "user"`;
  }

  /** The check, while it is owed, to travel with the next statement. */
  prelude(): Prelude | undefined {
    if (this.#user || this.#checking) return undefined;
    const { sql: query, params } = dialect.sqlToQuery(this.#check());
    return { query, params, settle: (row) => this.#settle(row) };
  }

  /** The user as Postgres has them now; runs the check alone if no statement carried it yet. */
  async user(ctx: { db: Database }): Promise<User> {
    if (!this.#user) {
      this.#checking = true;
      try {
        this.#settle((await ctx.db.execute<{ user: User }>(this.#check())).rows[0]);
      } finally {
        this.#checking = false;
      }
    }
    return this.#user as User;
  }

  #settle(row: Record<string, unknown> | undefined) {
    if (!row?.user) throw new Error("the session check answered no user");
    this.#user = row.user as User;
  }
}
