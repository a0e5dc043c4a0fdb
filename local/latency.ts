/**
 * Simulated distance between the worker and its data: a fixed delay per round trip, so that a local
 * run shows what a far-away Neon or Upstash costs. `ROYAL_SIM_RTT_MS` sets it (default 0: no delay).
 */
export const simRttEnvVar = "ROYAL_SIM_RTT_MS";

/** The round trip to simulate, in milliseconds, from `ROYAL_SIM_RTT_MS`; refuses values that are not a delay. */
export function simRttFromEnv(env: Record<string, string | undefined> = process.env): number {
  const raw = env[simRttEnvVar]?.trim();
  if (!raw) return 0;
  const ms = Number(raw);
  if (!Number.isFinite(ms) || ms < 0 || ms > 60_000) {
    throw new Error(`${simRttEnvVar} must be a number of milliseconds between 0 and 60000, not "${raw}"`);
  }
  return ms;
}

/** Waits at least `ms` milliseconds (timers may fire a little early; this never returns early). Zero waits not at all. */
export async function delay(ms: number): Promise<void> {
  if (ms <= 0) return;
  const until = performance.now() + ms;
  for (let left = ms; left > 0; left = until - performance.now()) {
    await new Promise((resolve) => setTimeout(resolve, Math.ceil(left)));
  }
}

/**
 * One direction of one connection: every pushed step runs `delayMs` after it was pushed, in push
 * order, so bytes keep their order however the timers fire. With no delay and nothing queued a step
 * runs at once. While paused (a hung link) steps wait; they run, still in order, on resume.
 */
export class Lane {
  readonly #delayMs: number;
  #queue: { due: number; run: () => void }[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #paused = false;

  constructor(delayMs: number) {
    this.#delayMs = Math.max(0, delayMs);
  }

  push(run: () => void): void {
    if (this.#delayMs === 0 && !this.#paused && this.#queue.length === 0) {
      run();
      return;
    }
    this.#queue.push({ due: performance.now() + this.#delayMs, run });
    this.#schedule();
  }

  pause(): void {
    this.#paused = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  resume(): void {
    this.#paused = false;
    this.#drain();
  }

  /** Forgets every waiting step (the connection is gone). */
  clear(): void {
    this.#queue = [];
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #schedule(): void {
    if (this.#timer || this.#paused || this.#queue.length === 0) return;
    const wait = Math.max(0, Math.ceil(this.#queue[0].due - performance.now()));
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#drain();
    }, wait);
  }

  #drain(): void {
    const now = performance.now();
    while (!this.#paused && this.#queue.length > 0 && this.#queue[0].due <= now) {
      this.#queue.shift()?.run();
    }
    this.#schedule();
  }
}
