import type { Clock } from '../../src/delivery/clock.js';

/** A clock that moves only when told to; timers fire in time order as it advances. */
export class FakeClock implements Clock {
  #now = 0;
  #timers: { at: number; id: number; callback: () => void }[] = [];
  #nextId = 1;

  now(): number {
    return this.#now;
  }

  setTimer(callback: () => void, ms: number): unknown {
    const id = this.#nextId++;
    this.#timers.push({ at: this.#now + Math.max(0, ms), id, callback });
    return id;
  }

  clearTimer(handle: unknown): void {
    this.#timers = this.#timers.filter((timer) => timer.id !== handle);
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const id = this.setTimer(resolve, ms);
      signal?.addEventListener('abort', () => {
        this.clearTimer(id);
        reject(signal.reason);
      });
    });
  }

  /** Moves time forward, firing due timers (and letting promise callbacks run between them). */
  async advance(ms: number): Promise<void> {
    const until = this.#now + ms;
    for (;;) {
      await flushMicrotasks();
      this.#timers.sort((a, b) => a.at - b.at || a.id - b.id);
      const next = this.#timers[0];
      if (!next || next.at > until) break;
      this.#timers.shift();
      this.#now = next.at;
      next.callback();
    }
    this.#now = until;
    await flushMicrotasks();
  }
}

export async function flushMicrotasks(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}
