const formats = new Map<string, Intl.NumberFormat>();

/** Formats an amount in the currency's minor unit (cents) for people. */
export function formatMoney(minor: number, currency: string, locale = "en-US"): string {
  const key = `${locale}:${currency}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: "currency", currency });
    formats.set(key, format);
  }
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits);
}
