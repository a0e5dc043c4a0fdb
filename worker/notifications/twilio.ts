import { DeliveryError, type Message, type Notifier } from "./message.ts";

/** SMS through Twilio's Messages API. */
export class TwilioSms implements Notifier {
  constructor(
    private readonly config: { accountSid: string; authToken: string; from: string },
    private readonly fetcher: typeof fetch = fetch,
  ) {}

  async send(message: Message): Promise<void> {
    const { accountSid, authToken, from } = this.config;
    const response = await this.fetcher(`https://api.twilio.com/2010-04-01/Accounts/${accountSid}/Messages.json`, {
      method: "POST",
      headers: {
        authorization: `Basic ${btoa(`${accountSid}:${authToken}`)}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ To: message.to, From: from, Body: message.text }),
    }).catch((error: unknown) => {
      throw new DeliveryError("Twilio is unreachable", { cause: error });
    });
    if (!response.ok) throw new DeliveryError(`Twilio answered ${response.status}`);
  }
}
