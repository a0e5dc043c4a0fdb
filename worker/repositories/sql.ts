import { type SQL, sql } from "drizzle-orm";

/**
 * A timestamp as ISO 8601 UTC with microseconds: the database's full precision, so a keyset cursor
 * made from it continues exactly after its row.
 */
export const isoTime = (column: SQL) => sql`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** A LIKE pattern that finds `text` anywhere, its own % and _ taken literally. */
export const containing = (text: string) => `%${text.replace(/[\\%_]/g, "\\$&")}%`;
