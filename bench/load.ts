import autocannon from "autocannon";
import { tripsOf } from "./api.ts";
import type { Budget } from "./options.ts";

/** The duration or amount of a run on `connections` connections. */
export const spend = (budget: Budget, connections: number) =>
  "seconds" in budget ? { durationS: budget.seconds } : { amount: budget.perConnection * connections };

/** One load run: autocannon against a URL, every response timed and its round trips read. */
export interface LoadSpec {
  /** Origin and default path, e.g. `http://127.0.0.1:8787/api/v1/products`. */
  url: string;
  connections: number;
  /** Runs for this long… */
  durationS?: number;
  /** …or until this many responses came back (at least one per connection). */
  amount?: number;
  method?: "GET" | "POST" | "PUT";
  headers?: Record<string, string>;
  body?: string;
  /** Varies each request (path, headers, body); its `headers` include those set per connection. */
  setupRequest?: (request: autocannon.Request) => autocannon.Request;
  /** Gives each connection its own identity (a shopper's token, say). */
  setupClient?: (client: autocannon.Client) => void;
  /** Which answers are right (default: 2xx); any other one counts as an error. */
  expected?: (status: number, body: string) => boolean;
  onAnswer?: (status: number, body: string, headers: Record<string, string | string[]>) => void;
}

export interface LoadResult {
  responses: number;
  seconds: number;
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  /** Mean Postgres and Redis round trips per response, from Server-Timing (null when responses carry none). */
  dbRoundTrips: number | null;
  redisRoundTrips: number | null;
  /** Unexpected answers, connection errors and timeouts. */
  errors: number;
  statuses: Record<number, number>;
  /** Responses the edge cache answered (`x-cache: hit`). */
  cacheHits: number;
  /** An example of an unexpected answer, to say what went wrong. */
  firstError?: string;
}

export const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

const header = (headers: Record<string, string | string[]>, name: string) => {
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return value;
  return undefined;
};

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let unexpected = 0;
  let firstError: string | undefined;
  let db = 0;
  let redis = 0;
  let withTrips = 0;
  let cacheHits = 0;
  const expected = spec.expected ?? ((status: number) => status >= 200 && status < 300);

  const request: autocannon.Request = {
    method: spec.method ?? "GET",
    ...(spec.setupRequest ? { setupRequest: (req: autocannon.Request) => spec.setupRequest?.(req) ?? req } : {}),
    onResponse: (status: number, body: string, _context: object, headers: Record<string, string | string[]>) => {
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (!expected(status, body)) {
        unexpected += 1;
        firstError ??= `${status} ${body.slice(0, 300)}`;
      }
      const trips = tripsOf(header(headers, "server-timing"));
      if (trips) {
        db += trips.db;
        redis += trips.redis;
        withTrips += 1;
      }
      if (header(headers, "x-cache") === "hit") cacheHits += 1;
      spec.onAnswer?.(status, body, headers);
    },
  } as autocannon.Request;

  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: spec.url,
        connections: spec.connections,
        ...(spec.amount ? { amount: spec.amount } : { duration: spec.durationS ?? 1 }),
        headers: spec.headers,
        body: spec.body,
        method: spec.method ?? "GET",
        requests: [request],
        setupClient: spec.setupClient,
        timeout: 20,
        // autocannon checks the end of a timed run once per sample: every 100 ms, so a run lasts as asked.
        sampleInt: 100,
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  const seconds = (performance.now() - started) / 1000;

  latencies.sort((a, b) => a - b);
  const responses = latencies.length;
  // A timed run leaves its last requests unanswered, but the shop still works on them: let them finish
  // (about as long as the slowest answers took) before anything else is measured.
  if (!spec.amount) {
    const settleMs = Math.min(3_000, responses ? percentile(latencies, 99) : 1_000 * (spec.durationS ?? 1));
    await new Promise((resolve) => setTimeout(resolve, settleMs));
  }
  const errors = unexpected + result.errors;
  return {
    responses,
    seconds,
    requestsPerSec: responses / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    dbRoundTrips: withTrips ? db / withTrips : null,
    redisRoundTrips: withTrips ? redis / withTrips : null,
    errors,
    statuses,
    cacheHits,
    firstError:
      firstError ?? (result.errors ? `${result.errors} connection errors (${result.timeouts} timeouts)` : undefined),
  };
}
