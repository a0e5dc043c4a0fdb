import { type CountryCode, parsePhoneNumberFromString } from "libphonenumber-js/max";
import { z } from "zod";

export type Channel = "email" | "sms";

export interface Username {
  /** The canonical form stored as the account's username. */
  value: string;
  channel: Channel;
}

const email = z.email();

/**
 * The shop's dynamic username: an email (trimmed and lower-cased, so `Shopper@Royal.shop` is
 * `shopper@royal.shop`, as every mail provider treats it) or a phone number (normalised to E.164,
 * national formats read in the configured region).
 */
export function parseUsername(raw: string, defaultRegion: string): Username | null {
  const text = raw.trim();
  if (text.includes("@")) {
    const value = text.toLowerCase();
    return email.safeParse(value).success ? { value, channel: "email" } : null;
  }
  if (!/^[+\d\s().-]{6,24}$/.test(text)) return null;
  const phone = parsePhoneNumberFromString(text, defaultRegion as CountryCode);
  return phone?.isValid() ? { value: phone.number, channel: "sms" } : null;
}
