/** Round trips a development response reports in `Server-Timing` (`db;desc="1";dur=3, redis;desc="0";dur=0`). */
export interface Trips {
  db: number;
  redis: number;
}

export function tripsOf(serverTiming: string | string[] | undefined): Trips | undefined {
  const text = Array.isArray(serverTiming) ? serverTiming.join(", ") : serverTiming;
  if (!text) return undefined;
  const db = /(?:^|,\s*)db;desc="(\d+)"/.exec(text);
  const redis = /(?:^|,\s*)redis;desc="(\d+)"/.exec(text);
  if (!db || !redis) return undefined;
  return { db: Number(db[1]), redis: Number(redis[1]) };
}

export interface Answer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** The shop's API as a client calls it, for set-up work (never for what is measured: autocannon does that). */
export class ShopClient {
  readonly base: string;
  #ips = 0;

  constructor(url: string) {
    this.base = `${url}/api/v1`;
  }

  async call<T = any>(
    path: string,
    init: { method?: string; body?: unknown; token?: string; headers?: Record<string, string> } = {},
  ): Promise<Answer<T>> {
    const headers: Record<string, string> = { ...init.headers };
    if (init.body !== undefined) headers["content-type"] = "application/json";
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    const response = await fetch(`${this.base}${path}`, {
      method: init.method ?? (init.body === undefined ? "GET" : "POST"),
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T, headers: response.headers };
  }

  /** Like `call`, but anything other than the expected status is an error that says what came back. */
  async expect<T = any>(status: number, path: string, init: Parameters<ShopClient["call"]>[1] = {}): Promise<T> {
    const answer = await this.call<T>(path, init);
    if (answer.status !== status) {
      throw new Error(
        `${init.method ?? "GET"} ${path}: expected ${status}, got ${answer.status} ${JSON.stringify(answer.body)}`,
      );
    }
    return answer.body;
  }

  /**
   * Signs in with a password. Each sign-in comes from its own client address (documentation prefix), as
   * many shoppers' would, so that the per-address limit sees many clients rather than one.
   */
  async signIn(username: string, password: string): Promise<{ token: string; userId: string }> {
    this.#ips += 1;
    // The counter goes into the /64, which is what per-address limits count for IPv6.
    const ip = `2001:db8:${(0xbe00 + (this.#ips >> 16)).toString(16)}:${(this.#ips & 0xffff).toString(16)}::1`;
    const session = await this.expect(200, "/auth/login", {
      body: { username, password },
      headers: { "cf-connecting-ip": ip },
    });
    return { token: session.accessToken, userId: session.user.id };
  }
}

/** Runs `work` over `items` with at most `limit` at a time, in order of start; the results keep the items' order. */
export async function inParallel<T, R>(items: T[], limit: number, work: (item: T, index: number) => Promise<R>) {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index], index);
    }
  });
  await Promise.all(lanes);
  return results;
}
