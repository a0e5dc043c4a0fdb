import { DeliveryError, type Message, type Notifier, subjectOf } from "./message.ts";

/** Email through Resend's HTTP API. */
export class ResendEmail implements Notifier {
  constructor(
    private readonly config: { apiKey: string; from: string },
    private readonly fetcher: typeof fetch = fetch,
  ) {}

  async send(message: Message): Promise<void> {
    const response = await this.fetcher("https://api.resend.com/emails", {
      method: "POST",
      headers: {
        authorization: `Bearer ${this.config.apiKey}`,
        "content-type": "application/json",
        "idempotency-key":
          message.code === null
            ? `notice-${message.purpose}-${crypto.randomUUID()}`
            : `otp-${message.purpose}-${message.to}-${message.code}`,
      },
      body: JSON.stringify({
        from: this.config.from,
        to: [message.to],
        subject: subjectOf(message),
        text: message.text,
      }),
    }).catch((error: unknown) => {
      throw new DeliveryError("Resend is unreachable", { cause: error });
    });
    if (!response.ok) throw new DeliveryError(`Resend answered ${response.status}`);
  }
}
