export { fromAmount, minorDigits, toAmount } from "../../lib/money.ts";

/** The currency's symbol as shown beside amount inputs ("$" for USD). */
export function currencySymbol(currency: string): string {
  return (
    new Intl.NumberFormat("en-US", { style: "currency", currency, currencyDisplay: "narrowSymbol" })
      .formatToParts(0)
      .find((part) => part.type === "currency")?.value ?? currency
  );
}
