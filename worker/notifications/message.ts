import type { Channel } from "../lib/parse-username.ts";

export type OtpPurpose = "verify" | "reset" | "login";
/** What a message is for: a one-time code, or a notice that carries none. */
export type MessagePurpose = OtpPurpose | "account_exists" | "order_link";

export interface Message {
  to: string;
  channel: Channel;
  purpose: MessagePurpose;
  /** The one-time code the message carries; null for a notice. */
  code: string | null;
  text: string;
}

export interface OtpMessage extends Message {
  purpose: OtpPurpose;
  code: string;
}

/** Delivers messages to shoppers. A failed delivery throws `DeliveryError`. */
export interface Notifier {
  send(message: Message): Promise<void>;
}

export class DeliveryError extends Error {}

export function otpText(purpose: OtpPurpose, code: string): string {
  const what = { verify: "verification", reset: "password reset", login: "sign-in" }[purpose];
  return `Your Royal Shop ${what} code is ${code}. It expires in 5 minutes. Never share it.`;
}

/**
 * Told to the owner of an account when someone registers its username again: registration answers
 * the same either way (no account enumeration), so the owner hears of it here instead.
 */
export const accountExistsText =
  "Someone tried to create a Royal Shop account with this address, which already has one. If it was you, sign in or reset your password. If not, ignore this message: nothing changed.";

export const subjectOf = (message: Message) =>
  message.purpose === "order_link"
    ? "Your Royal Shop order"
    : message.code === null
      ? "Your Royal Shop account"
      : `Your Royal Shop code: ${message.code}`;

/** The link to a guest's order, sent to the email it was placed with when someone asks for it by number. */
export const orderLinkText = (number: number, link: string) =>
  `Here is the link to your Royal Shop order #${number}: ${link} — anyone with this link can see the order, so keep it to yourself. If you did not ask for it, ignore this message.`;
