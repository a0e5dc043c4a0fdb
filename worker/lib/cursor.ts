import { AppError } from "./errors.ts";

/** Keyset cursors: the sort key and id of the last row, opaque to clients. */
export type Cursor = [sortKey: string, id: string];

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a cursor's sort key may look like, by the kind of column the list is sorted on. */
export const cursorKeys = {
  time: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/,
  integer: /^-?\d{1,18}$/,
  decimal: /^-?\d{1,10}(\.\d{1,6})?$/,
  // biome-ignore lint/suspicious/noControlCharactersInRegex: any text Postgres can bind, which is all but NUL.
  text: /^[^\u0000]{0,500}$/,
  day: /^\d{4}-\d{2}-\d{2}$/,
} as const;

/** A time or day key names a real instant from year 1 on (the shape alone lets 2026-02-30 through). */
function isRealTime(key: string): boolean {
  const iso = key.length === 10 ? `${key}T00:00:00.000Z` : `${key.slice(0, 23)}Z`;
  const time = new Date(iso);
  return Number.isFinite(time.getTime()) && time.getUTCFullYear() >= 1 && time.toISOString() === iso;
}

export function encodeCursor(cursor: Cursor): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(cursor))))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");
}

/**
 * Reads a cursor whose key must match `key` (a pattern of `cursorKeys`) and whose second part is a
 * row id (or, for lists of days, nothing); anything else is 400.
 */
export function decodeCursor(text: string, key: RegExp, id: RegExp = uuid): Cursor {
  try {
    const bytes = Uint8Array.from(atob(text.replaceAll("-", "+").replaceAll("_", "/")), (c) => c.charCodeAt(0));
    const value: unknown = JSON.parse(new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === "string" &&
      typeof value[1] === "string" &&
      key.test(value[0]) &&
      ((key !== cursorKeys.time && key !== cursorKeys.day) || isRealTime(value[0])) &&
      id.test(value[1])
    ) {
      return [value[0], value[1]];
    }
  } catch {
    // falls through to the error below
  }
  throw new AppError("invalid_request", "The cursor is malformed.", [{ path: "cursor", message: "malformed cursor" }]);
}

/**
 * One page of a keyset-paged list: the query asked for `limit + 1` rows, so a row beyond the page
 * says there is more, and the cursor continues after the page's last row.
 */
export function pageOf<Row>(rows: Row[], limit: number, cursorOf: (row: Row) => Cursor) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(cursorOf(last)) : null };
}
