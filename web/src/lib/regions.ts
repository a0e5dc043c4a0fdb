import { countryCodes } from "../../../worker/domain/countries.ts";

const names = new Intl.DisplayNames(undefined, { type: "region" });

/** A country's name in the reader's language; `*` is the rest of the world. */
export const countryName = (code: string) => (code === "*" ? "Rest of the world" : (names.of(code) ?? code));

/** Every country of ISO 3166-1 with its name, sorted as the reader reads them. */
export const countriesByName = countryCodes
  .map((code) => ({ code, name: countryName(code) }))
  .sort((a, b) => a.name.localeCompare(b.name));

/** A tax rate in basis points as people read it: "9 %", "5.5 %" (never broken across lines). */
export const formatRate = (bps: number) =>
  `${(bps / 100).toLocaleString(undefined, { maximumFractionDigits: 2 })}\u00a0%`;
