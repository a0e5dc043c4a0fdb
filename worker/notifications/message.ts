import type { Channel } from "../lib/username.ts";

export type OtpPurpose = "verify" | "reset" | "login";

export interface OtpMessage {
  to: string;
  channel: Channel;
  purpose: OtpPurpose;
  code: string;
  text: string;
}

/** Delivers one-time codes. A failed delivery throws `DeliveryError`. */
export interface Notifier {
  send(message: OtpMessage): Promise<void>;
}

export class DeliveryError extends Error {}

export function otpText(purpose: OtpPurpose, code: string): string {
  const what = { verify: "verification", reset: "password reset", login: "sign-in" }[purpose];
  return `Your Royal Shop ${what} code is ${code}. It expires in 5 minutes. Never share it.`;
}
