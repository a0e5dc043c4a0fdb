import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { answer, client } from "../../test/support/client.ts";
import { expectError, latestCode, randomIp, uniqueEmail, withServices } from "../../test/support/shop.ts";
import worker from "../index.ts";
import { parseUsername } from "../lib/parse-username.ts";
import { DeliveryError, type Notifier, type OtpMessage } from "../notifications/message.ts";
import { ResendEmail } from "../notifications/resend.ts";
import { TwilioSms } from "../notifications/twilio.ts";
import { register } from "../services/auth.service.ts";
import { sendCode } from "../services/otp.service.ts";

/** Records the request an adapter makes instead of sending it to the provider. */
function recordingFetch(status = 200) {
  const requests: Request[] = [];
  const fetcher = (async (input: RequestInfo | URL, init?: RequestInit) => {
    requests.push(new Request(input, init));
    return new Response("{}", { status });
  }) as typeof fetch;
  return { requests, fetcher };
}

const message: OtpMessage = {
  to: "buyer@example.com",
  channel: "email",
  purpose: "verify",
  code: "482913",
  text: "Your Royal Shop verification code is 482913.",
};

const failingNotifier: Notifier = {
  send: async () => {
    throw new DeliveryError("provider down");
  },
};

describe("Resend email adapter", () => {
  it("posts the message to Resend's API with the key as bearer token", async () => {
    const { requests, fetcher } = recordingFetch();
    await new ResendEmail({ apiKey: "re_test_key", from: "Royal Shop <no-reply@royal.shop>" }, fetcher).send(message);
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request.method).toBe("POST");
    expect(request.url).toBe("https://api.resend.com/emails");
    expect(request.headers.get("authorization")).toBe("Bearer re_test_key");
    expect(await request.json()).toEqual({
      from: "Royal Shop <no-reply@royal.shop>",
      to: ["buyer@example.com"],
      subject: "Your Royal Shop code: 482913",
      text: message.text,
    });
  });

  it("throws DeliveryError when Resend refuses or cannot be reached", async () => {
    await expect(
      new ResendEmail({ apiKey: "k", from: "f" }, recordingFetch(500).fetcher).send(message),
    ).rejects.toBeInstanceOf(DeliveryError);
    const unreachable = (async () => {
      throw new TypeError("Network connection lost.");
    }) as typeof fetch;
    await expect(new ResendEmail({ apiKey: "k", from: "f" }, unreachable).send(message)).rejects.toBeInstanceOf(
      DeliveryError,
    );
  });
});

describe("Twilio SMS adapter", () => {
  it("posts a form to the account's Messages resource with basic auth", async () => {
    const { requests, fetcher } = recordingFetch(201);
    const sms = { ...message, to: "+989123456789", channel: "sms" as const };
    await new TwilioSms({ accountSid: "AC123", authToken: "secret", from: "+15005550006" }, fetcher).send(sms);
    const [request] = requests;
    expect(request.url).toBe("https://api.twilio.com/2010-04-01/Accounts/AC123/Messages.json");
    expect(request.headers.get("authorization")).toBe(`Basic ${btoa("AC123:secret")}`);
    expect(request.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
    expect(Object.fromEntries(new URLSearchParams(await request.text()))).toEqual({
      To: "+989123456789",
      From: "+15005550006",
      Body: message.text,
    });
  });

  it("throws DeliveryError on a provider error", async () => {
    const sms = new TwilioSms({ accountSid: "AC1", authToken: "t", from: "+1" }, recordingFetch(429).fetcher);
    await expect(sms.send(message)).rejects.toBeInstanceOf(DeliveryError);
  });
});

describe("a provider failure", () => {
  it("voids the code nobody received and frees the cooldown, so the shopper can ask again at once", async () => {
    const username = uniqueEmail();
    expect((await answer(client().auth.register.$post({ json: { username, password: "correct-horse" } }))).status).toBe(
      201,
    );
    await latestCode(username, "verify");
    const to = parseUsername(username, "US");
    if (!to) throw new Error("bad username");
    await withServices(async ({ redis }) => {
      const deps = { redis, notifier: failingNotifier, secret: env.OTP_SECRET };
      await expect(sendCode(deps, "verify", to)).rejects.toMatchObject({ code: "unavailable", status: 503 });
      expect(await redis.exists(`otp:cooldown:verify:${username}`)).toBe(0);
      expect(await redis.exists(`otp:verify:${username}`)).toBe(0);
    });
    const before = new Date().toISOString();
    expect((await answer(client().auth.otp.$post({ json: { username, purpose: "verify" } }))).status).toBe(202);
    const code = await latestCode(username, "verify", before);
    expect((await answer(client().auth.verify.$post({ json: { username, code } }))).status).toBe(200);
  });

  it("keeps a registration whose code could not be sent: registering again sends another", async () => {
    const username = uniqueEmail();
    await withServices(async (shop) => {
      const ctx = Object.create(shop, { notifier: { value: failingNotifier }, ip: { value: randomIp() } });
      await expect(register(ctx, { username, password: "correct-horse" })).resolves.toMatchObject({
        user: { username },
      });
    });
    const password = "correct-horse";
    expect((await answer(client().auth.register.$post({ json: { username, password } }))).status).toBe(201);
    const code = await latestCode(username, "verify");
    expect((await answer(client().auth.verify.$post({ json: { username, code, password } }))).status).toBe(200);
    expect((await answer(client().auth.login.$post({ json: { username, password } }))).status).toBe(200);
  });
});

describe("the development outbox", () => {
  it("is 404 outside development", async () => {
    const ctx = createExecutionContext();
    const response = await worker.fetch(
      new Request("http://shop.test/api/v1/dev/outbox?to=shopper@royal.shop"),
      { ...env, ENVIRONMENT: "production" },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expectError({ status: response.status, body: await response.json() }, 404, "not_found");
  });
});

describe("rate limits fail closed", () => {
  it("refuses a login with 503 when Redis cannot be reached, rather than letting it through", async () => {
    const ctx = createExecutionContext();
    const response = await worker.fetch(
      new Request("http://shop.test/api/v1/auth/login", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: "shopper@royal.shop", password: "royal-shopper" }),
      }),
      { ...env, UPSTASH_REDIS_REST_URL: "http://127.0.0.1:1" },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expectError({ status: response.status, body: await response.json() }, 503, "unavailable");
  });
});
