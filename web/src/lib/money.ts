const formats = new Map<string, Intl.NumberFormat>();

function formatOf(currency: string, locale: string): Intl.NumberFormat {
  const key = `${locale}:${currency}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: "currency", currency });
    formats.set(key, format);
  }
  return format;
}

/** How many minor-unit digits a currency has (2 for USD, 0 for JPY). */
export const minorDigits = (currency: string): number =>
  formatOf(currency, "en-US").resolvedOptions().maximumFractionDigits ?? 2;

/** Formats an amount in the currency's minor unit (cents) for people. */
export function formatMoney(minor: number, currency: string, locale = "en-US"): string {
  const format = formatOf(currency, locale);
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits);
}

/** Minor units as the text of an amount input: 123456 → "1234.56" (no float arithmetic). */
export function toAmount(minor: number | null | undefined, currency: string): string {
  if (minor === null || minor === undefined) return "";
  const digits = minorDigits(currency);
  const sign = minor < 0 ? "-" : "";
  const text = String(Math.abs(minor)).padStart(digits + 1, "0");
  return digits === 0 ? `${sign}${text}` : `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/**
 * An amount typed by a person as exact minor units, read digit by digit: "1,234.5" → 123450.
 * Null when it is not an amount of this currency (a third decimal for USD, a letter, a minus sign).
 */
export function fromAmount(text: string, currency: string): number | null {
  const digits = minorDigits(currency);
  const raw = text.trim();
  if (raw.includes("-")) return null;
  const clean = raw.replace(/^[^\d.]+/, "").replace(/[\s,_]/g, "");
  const match = /^(\d*)(?:\.(\d*))?$/.exec(clean);
  if (!match || (match[1] === "" && (match[2] ?? "") === "")) return null;
  const [, whole, fraction = ""] = match;
  if (fraction.length > digits) return null;
  const minor = Number(`${whole || "0"}${fraction.padEnd(digits, "0")}`);
  return Number.isSafeInteger(minor) ? minor : null;
}
