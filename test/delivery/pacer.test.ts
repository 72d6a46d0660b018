import { describe, expect, it } from 'vitest';
import { Pacer, PACE_MARGIN } from '../../src/delivery/pacer.js';
import { FakeClock } from '../helpers/fake-clock.js';

function startTimes(pacer: Pacer, clock: FakeClock, count: number): number[] {
  const starts: number[] = [];
  for (let i = 0; i < count; i++) void pacer.acquire().then(() => starts.push(clock.now()));
  return starts;
}

function expectTimes(actual: number[], expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((value, i) => expect(actual[i]).toBeCloseTo(value, 6));
}

describe('Pacer', () => {
  const interval = 12_000 / PACE_MARGIN;

  it('spaces starts at the configured rate (5/min: every 12 s, plus the 1% margin, never closer than 12 s)', async () => {
    const clock = new FakeClock();
    const pacer = new Pacer({ rate: { count: 5, perMs: 60_000 }, burst: 1, clock });
    const starts = startTimes(pacer, clock, 4);
    await clock.advance(60_000);
    expectTimes(starts, [0, 0.99 * interval, 1.99 * interval, 2.99 * interval]);
  });

  it('lets a burst start together, then spaces the rest', async () => {
    const clock = new FakeClock();
    const pacer = new Pacer({ rate: { count: 5, perMs: 60_000 }, burst: 3, clock });
    const starts = startTimes(pacer, clock, 5);
    await clock.advance(60_000);
    expectTimes(starts, [0, 0, 0, 0.99 * interval, 1.99 * interval]);
  });

  it('does not catch up after a stall', async () => {
    const clock = new FakeClock();
    const pacer = new Pacer({ rate: { count: 1, perMs: 1000 }, burst: 1, clock });
    const first = startTimes(pacer, clock, 1);
    await clock.advance(10_000);
    const later = startTimes(pacer, clock, 3);
    await clock.advance(10_000);
    expect(first).toEqual([0]);
    const step = 1000 / PACE_MARGIN;
    expectTimes(later, [10_000, 10_000 + 0.99 * step, 10_000 + 1.99 * step]);
  });

  it('slows every waiting request after a 429 and pauses for a Retry-After', async () => {
    const clock = new FakeClock();
    const pacer = new Pacer({ rate: { count: 10, perMs: 1000 }, burst: 1, clock });
    const starts = startTimes(pacer, clock, 3);
    await clock.advance(1);
    pacer.onThrottled(0);
    pacer.pauseUntil(5000);
    await clock.advance(20_000);
    expect(starts[0]).toBe(0);
    expect(starts[1]).toBe(5000);
    expect(starts[2]! - starts[1]!).toBeGreaterThanOrEqual(0.99 * (200 / PACE_MARGIN));
  });

  it('drops a waiter whose signal aborts, without granting it a slot', async () => {
    const clock = new FakeClock();
    const pacer = new Pacer({ rate: { count: 1, perMs: 1000 }, burst: 1, clock });
    await pacer.acquire();
    const controller = new AbortController();
    const waiting = pacer.acquire(controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
  });
});
