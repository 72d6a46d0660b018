import { intervalMsOf, type Rate } from '../units.js';
import type { Clock } from './clock.js';
import { decreaseRate, increaseRate, nextSlot, windowFreeAtMs, type AimdState } from './slot.js';

/**
 * Starts are spaced 1% wider than the rate asks: a server's sliding window counts arrivals, and
 * network jitter can bring two evenly spaced requests closer than they left.
 */
export const PACE_MARGIN = 0.99;

/** Enough start times to replay any window up to this many calls. */
const MAX_REMEMBERED_STARTS = 20_000;

export interface PacerOptions {
  rate: Rate;
  burst: number;
  clock: Clock;
}

/**
 * Grants request starts at the configured pace, first come first served. Slots are computed when
 * granted, not when asked for, so a slowdown (429) or a pause (Retry-After) applies to every
 * waiting request at once. Retries queue here like first attempts: they never exceed the rate.
 */
export class Pacer {
  readonly #burst: number;
  readonly #clock: Clock;
  readonly #waiters: { resolve: () => void; reject: (error: unknown) => void; signal: AbortSignal | undefined }[] = [];
  #tatMs = -Infinity;
  #aimd: AimdState;
  /** Start times of recent accepted calls, oldest first, to replay a stated window. */
  #acceptedStartsMs: number[] = [];
  #timer: unknown;
  #timerAtMs = Infinity;

  constructor(options: PacerOptions) {
    this.#burst = options.burst;
    this.#clock = options.clock;
    const rate = PACE_MARGIN / intervalMsOf(options.rate);
    this.#aimd = { rate, ceiling: rate, lastDecreaseAtMs: -Infinity };
  }

  /** Resolves when the caller may start a request; rejects with the signal's reason if it aborts first. */
  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    // Fast path: nobody queued and a slot is free now (fast endpoints): no listener, no closure.
    if (this.#waiters.length === 0) {
      const now = this.#clock.now();
      const slot = nextSlot(this.#tatMs, now, 1 / this.#aimd.rate, this.#burst);
      if (slot.startAtMs <= now) {
        this.#tatMs = slot.tatMs;
        return Promise.resolve();
      }
    }
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        const index = this.#waiters.indexOf(waiter);
        if (index !== -1) this.#waiters.splice(index, 1);
        reject(signal!.reason);
      };
      const waiter = {
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        reject,
        signal,
      };
      this.#waiters.push(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#pump();
    });
  }

  /**
   * After a 429. When the server states its limit (`limit:5,time:1 minute`) and it is news, the pace
   * drops to it and waits until our own earlier calls have left that window; otherwise the rate is
   * halved (multiplicative decrease), once per round of requests.
   */
  onThrottled(requestStartedAtMs: number, limit?: Rate): void {
    const now = this.#clock.now();
    const learned = limit ? PACE_MARGIN / intervalMsOf(limit) : undefined;
    if (limit && learned !== undefined && learned < this.#aimd.ceiling) {
      this.#aimd = { rate: learned, ceiling: learned, lastDecreaseAtMs: now };
      this.pauseUntil(windowFreeAtMs(this.#acceptedStartsMs, limit) + 1);
      return;
    }
    this.#aimd = decreaseRate(this.#aimd, now, requestStartedAtMs, learned);
    this.#reschedule();
  }

  /** After a 2xx: additive increase, and one more start the server counted. */
  onSuccess(requestStartedAtMs: number): void {
    this.#aimd = increaseRate(this.#aimd);
    this.#acceptedStartsMs.push(requestStartedAtMs);
    if (this.#acceptedStartsMs.length > MAX_REMEMBERED_STARTS) this.#acceptedStartsMs.splice(0, MAX_REMEMBERED_STARTS / 2);
  }

  /** No request starts before `untilMs` (a Retry-After applies to the whole run). */
  pauseUntil(untilMs: number): void {
    if (untilMs > this.#tatMs) this.#tatMs = untilMs;
    this.#reschedule();
  }

  /** Current pace in requests per minute, for progress lines. */
  ratePerMinute(): number {
    return this.#aimd.rate * 60_000;
  }

  #reschedule(): void {
    if (this.#timer !== undefined) {
      this.#clock.clearTimer(this.#timer);
      this.#timer = undefined;
      this.#timerAtMs = Infinity;
    }
    this.#pump();
  }

  #pump(): void {
    while (this.#waiters.length > 0) {
      const now = this.#clock.now();
      const intervalMs = 1 / this.#aimd.rate;
      const slot = nextSlot(this.#tatMs, now, intervalMs, this.#burst);
      if (slot.startAtMs > now) {
        if (this.#timer === undefined || slot.startAtMs < this.#timerAtMs) {
          if (this.#timer !== undefined) this.#clock.clearTimer(this.#timer);
          this.#timerAtMs = slot.startAtMs;
          this.#timer = this.#clock.setTimer(() => {
            this.#timer = undefined;
            this.#timerAtMs = Infinity;
            this.#pump();
          }, slot.startAtMs - now);
        }
        return;
      }
      this.#tatMs = slot.tatMs;
      this.#waiters.shift()!.resolve();
    }
  }
}
