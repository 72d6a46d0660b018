import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/errors.js';
import { resolveOptions } from '../src/options.js';
import { formatDuration, parseDuration, parseRate } from '../src/units.js';

describe('units', () => {
  it.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['2m', 120_000],
    ['1h', 3_600_000],
    ['1.5s', 1500],
  ])('duration %s = %i ms', (text, ms) => expect(parseDuration(text, '--timeout')).toBe(ms));

  it.each(['30', '', '5 s', '-1s', '1d'])('duration %j is refused, naming the flag', (text) => {
    expect(() => parseDuration(text, '--grace')).toThrow(/^--grace must be a duration with a unit like 500ms, 30s, 2m or 1h/);
  });

  it.each([
    ['5/min', { count: 5, perMs: 60_000 }],
    ['2/s', { count: 2, perMs: 1000 }],
    ['100/h', { count: 100, perMs: 3_600_000 }],
    ['0.5/s', { count: 0.5, perMs: 1000 }],
  ])('rate %s', (text, rate) => expect(parseRate(text, '--rate')).toEqual(rate));

  it.each(['fast', '0/min', '5', '5/day', '-1/s'])('rate %j is refused', (text) => {
    expect(() => parseRate(text, '--rate')).toThrow(UsageError);
  });

  it('formats durations for people', () => {
    expect([850, 12_000, 180_000, 7_500_000].map(formatDuration)).toEqual(['850ms', '12s', '3 min', '2 h 5 min']);
  });
});

describe('resolveOptions', () => {
  it('fills the documented defaults', () => {
    expect(resolveOptions({ inventory: 'x.csv' })).toMatchObject({
      rate: { count: 5, perMs: 60_000 }, burst: 1, concurrency: 4, maxAttempts: 5, timeout: 30_000, maxRetryAfter: 120_000, grace: 10_000, onConflict: 'error',
    });
  });

  it('reads --max-failures as a count or a share', () => {
    expect(resolveOptions({ inventory: 'x', maxFailures: '10' }).maxFailures).toEqual({ count: 10 });
    expect(resolveOptions({ inventory: 'x', maxFailures: '5%' }).maxFailures).toEqual({ percent: 5 });
    expect(() => resolveOptions({ inventory: 'x', maxFailures: 'lots' })).toThrow(/--max-failures must be a count like 10 or a share like 5%/);
  });

  it('refuses what cannot work together, naming the flags', () => {
    expect(() => resolveOptions({ inventory: 'x', changedOnly: true, resume: 'r.csv' })).toThrow(/--changed-only and --resume/);
    expect(() => resolveOptions({ inventory: 'x', concurrency: 0 })).toThrow(/--concurrency must be at least 1/);
    expect(() => resolveOptions({ inventory: 'x', delimiter: ';;' })).toThrow(/--delimiter must be one character/);
    expect(() => resolveOptions({ inventory: 'x', region: 'mars-1' })).toThrow(/--region "mars-1" is not a known HSS region; known: cn-north-1/);
  });

  it('accepts --delimiter tab spelled as \\t', () => {
    expect(resolveOptions({ inventory: 'x', delimiter: '\\t' }).delimiter).toBe('\t');
  });
});
