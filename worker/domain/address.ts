/**
 * What makes an address one the shop can send to: a country from ISO 3166-1 and, where the country
 * has postal codes, one of its form (the patterns of `postcode-validator`).
 */
import { postcodeValidator, postcodeValidatorExistsForCountry } from "postcode-validator";
import { countryCodes } from "./countries.ts";

const countries = new Set(countryCodes);

export const isCountry = (code: string) => countries.has(code);

/** Why a postal code is not one of its country's (undefined: it is, or the country has no known form). */
export function postalCodeProblem(country: string, postalCode: string): string | undefined {
  if (!postcodeValidatorExistsForCountry(country)) return undefined;
  return postcodeValidator(postalCode.trim(), country) ? undefined : `not a postal code of ${country}`;
}
export { countryCodes } from "./countries.ts";
