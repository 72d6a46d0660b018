import { describe, expect, it } from 'vitest';
import { decreaseRate, increaseRate, nextSlot } from '../../src/delivery/slot.js';

describe('nextSlot (GCRA reservation)', () => {
  it.each([
    // tat, now, interval, burst -> startAt, tat'
    { tat: -Infinity, now: 0, interval: 12_000, burst: 1, start: 0, next: 11_880, why: 'the first request starts at once; the next may come 1% early' },
    { tat: 12_000, now: 1, interval: 12_000, burst: 1, start: 12_000, next: 24_000, why: 'the next waits a full interval' },
    { tat: 12_000, now: 500_000, interval: 12_000, burst: 1, start: 500_000, next: 511_880, why: 'idle time is not banked beyond 1%: no catch-up burst' },
    { tat: 12_000, now: 12_001, interval: 12_000, burst: 1, start: 12_001, next: 24_000, why: 'a start 1 ms late does not delay the next' },
    { tat: 12_000, now: 12_500, interval: 12_000, burst: 1, start: 12_500, next: 24_380, why: 'lateness past 1% of an interval does' },
    { tat: 12_000, now: 0, interval: 12_000, burst: 2, start: 0, next: 24_000, why: 'burst 2 lets a second start together' },
    { tat: 24_000, now: 0, interval: 12_000, burst: 2, start: 12_000, next: 36_000, why: 'after the burst, even spacing' },
    { tat: 1000, now: 999, interval: 1000, burst: 3, start: 999, next: 2000, why: 'within the burst allowance' },
  ])('$why', ({ tat, now, interval, burst, start, next }) => {
    expect(nextSlot(tat, now, interval, burst)).toEqual({ startAtMs: start, tatMs: next });
  });

  it('never lets two starts come closer than 99% of an interval (what PACE_MARGIN pays for)', () => {
    let tat = -Infinity;
    const starts: number[] = [];
    let now = 0;
    for (let i = 0; i < 200; i++) {
      now += i % 7 === 0 ? 5000 : 3; // stalls and eager callers mixed
      const slot = nextSlot(tat, now, 100, 1);
      tat = slot.tatMs;
      now = Math.max(now, slot.startAtMs);
      starts.push(slot.startAtMs);
    }
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(99);
  });
});

describe('AIMD', () => {
  const base = { rate: 1, ceiling: 1, lastDecreaseAtMs: -Infinity };
  it('halves after a 429 and learns a lower ceiling from the server', () => {
    expect(decreaseRate(base, 10, 5)).toEqual({ rate: 0.5, ceiling: 1, lastDecreaseAtMs: 10 });
    expect(decreaseRate(base, 10, 5, 0.2)).toEqual({ rate: 0.1, ceiling: 0.2, lastDecreaseAtMs: 10 });
  });
  it('does not halve twice for requests that started before the last decrease', () => {
    const once = decreaseRate(base, 10, 5);
    expect(decreaseRate(once, 11, 8)).toEqual(once);
  });
  it('never goes below 1/64 of the ceiling', () => {
    let state = base;
    for (let i = 0; i < 20; i++) state = decreaseRate(state, i * 10, i * 10);
    expect(state.rate).toBeCloseTo(1 / 64);
  });
  it('recovers additively up to the ceiling, not beyond', () => {
    let state = { rate: 0.5, ceiling: 1, lastDecreaseAtMs: 0 };
    for (let i = 0; i < 9; i++) state = increaseRate(state);
    expect(state.rate).toBeCloseTo(0.95);
    for (let i = 0; i < 5; i++) state = increaseRate(state);
    expect(state.rate).toBe(1);
  });
});
