import { AppError } from "./errors.ts";
import { parseUsername, type Username } from "./parse-username.ts";

/** The username of a request, or 400 naming the field. */
export function requireUsername(raw: string, defaultRegion: string): Username {
  const username = parseUsername(raw, defaultRegion);
  if (!username) {
    throw new AppError("invalid_request", "The username must be an email address or a phone number.", [
      { path: "username", message: "not an email address or a valid phone number" },
    ]);
  }
  return username;
}
