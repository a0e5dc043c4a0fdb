/** What the soak saw: every request's time by the minute it started, and each error with what came back. */
export interface SoakError {
  at: number;
  action: string;
  request: string;
  answer: string;
}

export class Metrics {
  readonly began = performance.now();
  /** The index of the soak's last whole minute. */
  lastMinute = Number.POSITIVE_INFINITY;
  requests = 0;
  errorCount = 0;
  readonly errors: SoakError[] = [];
  readonly errorsByKind = new Map<string, number>();
  /** Answers by action and status, e.g. `checkout 201`. */
  readonly outcomes = new Map<string, number>();
  readonly #minutes: number[][] = [];
  #window: number[] = [];

  /** Seconds since the soak's traffic began. */
  elapsed(): number {
    return (performance.now() - this.began) / 1000;
  }

  /** Counts one answer in the minute its request was sent (the last minute takes the few sent at the end). */
  record(action: string, status: number, ms: number) {
    this.requests += 1;
    const sentAt = this.elapsed() - ms / 1000;
    const minute = Math.min(Math.floor(sentAt / 60), this.lastMinute);
    this.#minutes[minute] ??= [];
    this.#minutes[minute].push(ms);
    this.#window.push(ms);
    const key = `${action} ${status}`;
    this.outcomes.set(key, (this.outcomes.get(key) ?? 0) + 1);
  }

  /** Every error counts; the first 200 are kept in full. */
  error(action: string, request: string, answer: string) {
    this.errorCount += 1;
    const kind = `${action}: ${answer.slice(0, 60)}`;
    this.errorsByKind.set(kind, (this.errorsByKind.get(kind) ?? 0) + 1);
    if (this.errors.length < 200)
      this.errors.push({ at: this.elapsed(), action, request, answer: answer.slice(0, 500) });
  }

  /** The times since the last call (for the progress line), and starts a new window. */
  takeWindow(): number[] {
    const window = this.#window;
    this.#window = [];
    return window;
  }

  perMinute() {
    return this.#minutes.map((times, minute) => ({
      minute: minute + 1,
      requests: times?.length ?? 0,
      p50Ms: percentile(times ?? [], 0.5),
      p99Ms: percentile(times ?? [], 0.99),
      maxMs: round(Math.max(0, ...(times ?? []))),
    }));
  }
}

const round = (n: number) => Math.round(n * 10) / 10;

export function percentile(times: number[], p: number): number {
  if (times.length === 0) return 0;
  const sorted = [...times].sort((a, b) => a - b);
  return round(sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]);
}
