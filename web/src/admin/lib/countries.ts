import { countryCodes } from "../../../../worker/domain/countries.ts";
import type { Choice } from "../components/Fields.tsx";

const names = new Intl.DisplayNames(undefined, { type: "region" });

/** A country's name in the reader's language; `*` is the rest of the world. */
export const countryName = (code: string) => (code === "*" ? "Rest of the world" : (names.of(code) ?? code));

/** Every country of ISO 3166-1 by name, sorted as the reader reads them. */
export const countryChoices: Choice[] = countryCodes
  .map((code) => ({ value: code, label: countryName(code) }))
  .sort((a, b) => a.label.localeCompare(b.label));

/** Countries by name, the rest of the world first: where a zone or a rate applies. */
export const regionChoices: Choice[] = [{ value: "*", label: countryName("*") }, ...countryChoices];

/** Codes typed as a list ("CA, NY"), upper-cased, each once. */
export const codeList = (text: string) => [
  ...new Set(
    text
      .split(/[\s,]+/)
      .map((code) => code.trim().toUpperCase())
      .filter(Boolean),
  ),
];
