import { AppError } from "./errors.ts";

/** The SQLSTATE and constraint of a Postgres error, which drizzle wraps in `cause`. */
export function pgError(error: unknown): { code: string; constraint?: string } | null {
  for (let e = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code))
      return { code, constraint: (e as { constraint?: string }).constraint };
  }
  return null;
}

/**
 * Turns constraint violations into the contract's errors: a taken unique value or a row still
 * referenced is a 409 conflict; a reference to nothing or a failed check is a 400.
 */
export async function withConstraints<T>(work: () => Promise<T>, what: string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const pg = pgError(error);
    if (pg?.code === "23505")
      throw new AppError("conflict", `That ${what} already exists.`, { constraint: pg.constraint });
    // 23503 foreign key violation, 23001 restrict violation (ON DELETE RESTRICT).
    const referenced = pg?.code === "23503" || pg?.code === "23001";
    if (referenced && pg?.constraint?.startsWith("order_items")) {
      throw new AppError("conflict", `The ${what} is part of orders; deactivate it instead.`, {
        constraint: pg.constraint,
      });
    }
    if (referenced)
      throw new AppError("conflict", `The ${what} is referenced elsewhere, or refers to something missing.`, {
        constraint: pg.constraint,
      });
    if (pg?.code === "23514")
      throw new AppError("invalid_request", `The ${what} breaks a rule of the shop.`, { constraint: pg.constraint });
    throw error;
  }
}

export const slugify = (text: string) =>
  text
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 120) || "item";
