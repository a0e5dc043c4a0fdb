import { exports } from "cloudflare:workers";

export const origin = "http://shop.test";

/** Calls the worker as a client would and parses its JSON answer. */
export async function api<T = any>(path: string, init?: RequestInit) {
  const response = await exports.default.fetch(`${origin}/api/v1${path}`, init);
  const text = await response.text();
  const body = (text ? JSON.parse(text) : undefined) as T;
  return { status: response.status, headers: response.headers, body };
}

export function expectError(result: { status: number; body: any }, status: number, code: string) {
  if (result.status !== status || result.body?.error?.code !== code) {
    throw new Error(`expected ${status} ${code}, got ${result.status} ${JSON.stringify(result.body)}`);
  }
  if (typeof result.body.error.message !== "string") throw new Error("error without a message");
}
