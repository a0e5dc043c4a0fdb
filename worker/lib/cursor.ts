import { AppError } from "./errors.ts";

/** Keyset cursors: the sort key and id of the last row, opaque to clients. */
export type Cursor = [sortKey: string, id: string];

export function encodeCursor(cursor: Cursor): string {
  return btoa(JSON.stringify(cursor)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

export function decodeCursor(text: string): Cursor {
  try {
    const value: unknown = JSON.parse(atob(text.replaceAll("-", "+").replaceAll("_", "/")));
    if (Array.isArray(value) && value.length === 2 && value.every((part) => typeof part === "string")) {
      return value as Cursor;
    }
  } catch {
    // falls through to the error below
  }
  throw new AppError("invalid_request", "The cursor is malformed.", [{ path: "cursor", message: "malformed cursor" }]);
}
