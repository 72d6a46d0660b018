/**
 * A sliding-window limiter like the API gateway's: at most `limit` accepted calls in any
 * `windowMs`, per key (principal and API). Rejected calls are not counted.
 */
export class SlidingWindow {
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #accepted = new Map<string, number[]>();

  constructor(limit: number, windowMs: number) {
    this.#limit = limit;
    this.#windowMs = windowMs;
  }

  tryAcquire(key: string, nowMs: number): boolean {
    let times = this.#accepted.get(key);
    if (!times) this.#accepted.set(key, (times = []));
    let expired = 0;
    while (expired < times.length && times[expired]! <= nowMs - this.#windowMs) expired++;
    if (expired) times.splice(0, expired);
    if (times.length >= this.#limit) return false;
    times.push(nowMs);
    return true;
  }

  /** The gateway's own words, with the limit and window in them. */
  message(policy: 'user' | 'ip'): string {
    return `The throttling threshold has been reached: policy ${policy} over ratelimit,limit:${this.#limit},time:${describeWindow(this.#windowMs)}`;
  }
}

function describeWindow(windowMs: number): string {
  if (windowMs % 3_600_000 === 0) return `${windowMs / 3_600_000} hour`;
  if (windowMs % 60_000 === 0) return `${windowMs / 60_000} minute`;
  if (windowMs % 1000 === 0) return `${windowMs / 1000} second`;
  return `${windowMs} millisecond`;
}
