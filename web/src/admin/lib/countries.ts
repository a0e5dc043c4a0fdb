import { countriesByName, countryName } from "../../lib/regions.ts";
import type { Choice } from "../components/Fields.tsx";

export { countryName };

/** Every country of ISO 3166-1 by name, sorted as the reader reads them. */
export const countryChoices: Choice[] = countriesByName.map((c) => ({ value: c.code, label: c.name }));

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
