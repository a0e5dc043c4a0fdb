import fc from "fast-check";
import { encodeCursor } from "../../lib/cursor.ts";

/**
 * A JSON literal written into a request body as is: numbers that `JSON.stringify` cannot write
 * (`1e400`, `-0`, 2^53 + 1 exactly), nestings too deep to build as objects, duplicated keys.
 */
export class RawJson {
  constructor(readonly text: string) {}
  toJSON() {
    return `«raw ${this.text.length > 60 ? `${this.text.slice(0, 60)}…` : this.text}»`;
  }
}

/** Serialises a body with RawJson parts; lone surrogates and NUL come out as JSON escapes. */
export function toJsonText(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.entries(value)
      .map(([key, item]) => `${JSON.stringify(key)}:${toJsonText(item)}`)
      .join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

const nested = (depth: number, open: string, close: string, inner = "1") =>
  new RawJson(open.repeat(depth) + inner + close.repeat(depth));

/** Strings that have broken web shops before: injections, traversal, encodings, control characters. */
export const hostileStrings: string[] = [
  "",
  " ",
  "\t\r\n",
  "' OR 1=1 --",
  "'; DROP TABLE users; --",
  '" OR ""="',
  "1' AND pg_sleep(2) IS NULL --",
  "%' OR '%'='",
  "\\",
  "\\'",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "javascript:alert(1)",
  "../../etc/passwd",
  "..\\..\\windows\\win.ini",
  "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
  "/api/v1/admin/users",
  "\u0000",
  "a\u0000b",
  "\u0000".repeat(16),
  "\u0001\u0002\u0003\u001b[31m\u007f\u0085",
  "\ud800",
  "\udfff",
  "x\ud83dy",
  "\udc00\ud800",
  "\uffff\ufffe",
  "\ufeffBOM",
  "\u202eevil\u202d",
  "\u200b\u200c\u200d",
  "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇",
  "👑🛒💳👨‍👩‍👧‍👦",
  "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
  "日本語のテキスト",
  "مرحبا بالعالم",
  "NaN",
  "-NaN",
  "Infinity",
  "-Infinity",
  "undefined",
  "null",
  "true",
  "-1",
  "-0",
  "0x7fffffff",
  "1e309",
  "2147483648",
  "-2147483649",
  "9007199254740993",
  "99999999999999999999999",
  "1.5",
  "1,5",
  " 7 ",
  "{{7*7}}",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template injection probe, sent as literal text.
  "${7*7}",
  "%s%s%s%n",
  "\r\nX-Injected: 1",
  "$where",
  "__proto__",
  "constructor",
  "a".repeat(256),
  "a".repeat(2_001),
  "a".repeat(10_001),
  "é".repeat(5_000),
  "👑".repeat(3_000),
];

/** Numbers at and past the integer limits of Postgres and JavaScript, and literals JSON.stringify cannot write. */
export const hostileNumbers: unknown[] = [
  -1,
  -2_147_483_648,
  -2_147_483_649,
  2_147_483_647,
  2_147_483_648,
  4_294_967_296,
  new RawJson("9223372036854775807"),
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 1,
  -Number.MAX_SAFE_INTEGER,
  new RawJson("9007199254740993"),
  new RawJson("-9223372036854775809"),
  new RawJson("1e400"),
  new RawJson("-1e400"),
  new RawJson("-0"),
  new RawJson("1.0"),
  new RawJson("1E2"),
  1e308,
  -1e308,
  5e-324,
  0.5,
  0.1 + 0.2,
];

/** Values of every JSON type, for fields that expect another one. */
export const wrongTypes: unknown[] = [
  null,
  true,
  false,
  0,
  1,
  "",
  "x",
  [],
  [null],
  ["a", 1],
  {},
  { $gt: "" },
  new RawJson('{"__proto__":{"role":"admin"}}'),
  nested(64, "[", "]"),
  nested(5_000, "[", "]"),
  nested(2_000, '{"a":', "}"),
];

/** Whole bodies that are not the JSON the route reads. */
export const hostileBodies: { text: string | Uint8Array; label: string; contentType?: string | null }[] = [
  { text: "", label: "empty" },
  { text: " ", label: "blank" },
  { text: "{", label: "truncated object" },
  { text: '{"a":', label: "truncated member" },
  { text: "{'single': 1}", label: "single quotes" },
  { text: '{"a":1,}', label: "trailing comma" },
  { text: '{"a":1}{"b":2}', label: "two documents" },
  { text: "null", label: "null" },
  { text: "[]", label: "array" },
  { text: "123", label: "number" },
  { text: '"text"', label: "string" },
  { text: "true", label: "boolean" },
  { text: "NaN", label: "NaN" },
  { text: "\ufeff{}", label: "BOM" },
  { text: "{}", label: "empty object" },
  { text: '{"a":1,"a":2}', label: "duplicate keys" },
  { text: '{"__proto__":{"role":"admin","isAdmin":true}}', label: "prototype pollution" },
  { text: '{"constructor":{"prototype":{"role":"admin"}}}', label: "constructor pollution" },
  { text: `${"[".repeat(20_000)}${"]".repeat(20_000)}`, label: "20k nested arrays" },
  { text: `${'{"a":'.repeat(8_000)}1${"}".repeat(8_000)}`, label: "8k nested objects" },
  { text: `[${"1,".repeat(30_000)}1]`, label: "30k-element array" },
  { text: `{"x":"${"a".repeat(70_000)}"}`, label: "70 KB string" },
  {
    text: new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc0, 0xaf, 0x22, 0x7d]),
    label: "invalid UTF-8",
  },
  {
    text: new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d]),
    label: "UTF-8 surrogate",
  },
  { text: new Uint8Array([0x00, 0x7b, 0x00, 0x7d]), label: "UTF-16 bytes" },
  { text: "a=1&b=2", label: "form data" },
  // Real images, for the upload route (it declares no schema for its raw body).
  {
    text: Uint8Array.from(
      atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="),
      (c) => c.charCodeAt(0),
    ),
    label: "PNG image",
    contentType: "image/png",
  },
  {
    text: Uint8Array.from(atob("R0lGODlhAQABAAAAACw="), (c) => c.charCodeAt(0)),
    label: "GIF image",
    contentType: "image/gif",
  },
  {
    text: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]),
    label: "JPEG header",
    contentType: null,
  },
  { text: new Uint8Array([0x89, 0x50, 0x4e, 0x47]), label: "PNG magic only", contentType: "image/png" },
  { text: "<xml><a>1</a></xml>", label: "XML" },
];

export const hostileContentTypes: (string | null)[] = [
  null,
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=xyz",
  "application/xml",
  "application/json; charset=utf-16",
  "application/json;;",
  "application/jsonx",
  "APPLICATION/JSON",
  "application/vnd.api+json",
  "*/*",
  "image/png",
  "image/gif",
  "image/jpeg",
  "",
];

/** Path and query values, already percent-encoded (or deliberately not). */
export const hostileUrlParts: string[] = [
  "%00",
  "%2F",
  "..%2F..%2Fetc%2Fpasswd",
  "%2e%2e",
  "%ZZ",
  "%",
  "%ED%A0%80",
  "%C0%AF",
  "%FF%FE",
  "%E2%80%AE",
  "%F0%9F%91%91",
  "'%20OR%201%3D1%20--",
  "%3Cscript%3E",
  "a%0D%0Ab",
  "00000000-0000-0000-0000-000000000000",
  "ffffffff-ffff-ffff-ffff-ffffffffffff",
  "FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF",
  "{00000000-0000-4000-8000-000000000000}",
  "00000000000040008000000000000000",
  "00000000-0000-4000-8000-00000000000g",
  "a".repeat(300),
  "a".repeat(8_000),
  "%20",
  "+",
  "null",
  "-1",
  "1e3",
  "0x10",
  "NaN",
];

const uuidLike = fc.uuid();

/**
 * Cursors in the shop's own encoding with keys that pass its shape checks but not the database
 * (month 13, 18-digit integers, days that do not exist), and broken encodings.
 */
export const hostileCursor: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "",
    "x",
    "====",
    "eyJ",
    "not-base64!",
    btoa("[]"),
    btoa('["a"]'),
    btoa('{"k":1}'),
    btoa("null"),
    btoa("\u0000\u0001"),
    "a".repeat(500),
    "a".repeat(501),
  ),
  fc
    .tuple(
      fc.constantFrom(
        "2026-13-45T99:99:99.000000Z",
        "0000-00-00T00:00:00.000000Z",
        "9999-12-31T23:59:59.999999Z",
        "999999999999999999",
        "-999999999999999999",
        "2147483648",
        "9999999999.999999",
        "-9999999999.999999",
        "0",
        "9999-99-99",
        "0000-01-01",
        "",
        "' OR 1=1 --",
        "\ud800",
        "a".repeat(500),
      ),
      uuidLike,
    )
    .map(([key, id]) => encodeCursor([key, id])),
  fc.tuple(fc.string(), fc.string()).map(([key, id]) => encodeCursor([key, id])),
);
