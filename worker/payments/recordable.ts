/** What is kept of a gateway message at most, in characters: enough to investigate, never a flood. */
export const maxRecordedChars = 16_384;
const maxDepth = 32;
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

class TooDeep extends Error {}

/** A string Postgres can store in jsonb: no NUL characters, no lone surrogates. */
const storable = (text: string) => text.replaceAll("\0", "\uFFFD").replace(loneSurrogate, "\uFFFD");

function clean(value: unknown, depth: number): unknown {
  if (depth > maxDepth) throw new TooDeep();
  if (typeof value === "string") return storable(value);
  if (Array.isArray(value)) return value.map((item) => clean(item, depth + 1));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [storable(key), clean(item, depth + 1)]));
  }
  return value;
}

/**
 * A gateway message as received, in a form jsonb always accepts: the parsed JSON when it is JSON of
 * a sane size and depth, else `{ raw, truncated }` with the text itself, capped.
 */
export function recordable(raw: string): unknown {
  if (raw.length <= maxRecordedChars) {
    try {
      return clean(JSON.parse(raw), 0);
    } catch {
      // not JSON, or too deep: kept as text below
    }
  }
  return { raw: storable(raw.slice(0, maxRecordedChars)), truncated: raw.length > maxRecordedChars };
}
