import { describe, expect, it } from 'vitest';
import { decideRetry, parseRetryAfter, type RetryPolicy } from '../../src/delivery/retry-policy.js';
import type { CallOutcome } from '../../src/hss/client.js';

const policy: RetryPolicy = { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 30_000, maxRetryAfterMs: 120_000 };
const response = (status: number, retryAfter?: string): CallOutcome => ({
  kind: 'response', status, requestId: 'r', retryAfter, location: undefined, errorCode: '', errorMsg: '', body: '',
});

describe('decideRetry', () => {
  it.each([
    { outcome: response(429), retry: true },
    { outcome: response(500), retry: true },
    { outcome: response(502), retry: true },
    { outcome: response(503), retry: true },
    { outcome: response(504), retry: true },
    { outcome: response(400), retry: false },
    { outcome: response(401), retry: false },
    { outcome: response(403), retry: false },
    { outcome: response(404), retry: false },
    { outcome: response(409), retry: false },
    { outcome: response(301), retry: false },
    { outcome: { kind: 'timeout', message: 't' } as CallOutcome, retry: true },
    { outcome: { kind: 'network', code: 'ECONNRESET', message: 'm' } as CallOutcome, retry: true },
    { outcome: { kind: 'network', code: 'ECONNREFUSED', message: 'm' } as CallOutcome, retry: true },
    { outcome: { kind: 'network', code: 'ENOTFOUND', message: 'm' } as CallOutcome, retry: false },
    { outcome: { kind: 'aborted', message: 'm' } as CallOutcome, retry: false },
  ])('$outcome.kind $outcome.status $outcome.code -> retry $retry', ({ outcome, retry }) => {
    expect(decideRetry(1, outcome, policy, () => 0.5, 0).retry).toBe(retry);
  });

  it('backs off exponentially with full jitter, capped', () => {
    expect(decideRetry(1, response(503), policy, () => 0.5, 0).delayMs).toBe(500);
    expect(decideRetry(3, response(503), policy, () => 0.5, 0).delayMs).toBe(2000);
    expect(decideRetry(4, response(503), policy, () => 0.999, 0).delayMs).toBe(7992);
    expect(decideRetry(4, response(503), { ...policy, maxAttempts: 10, maxDelayMs: 5000 }, () => 0.999, 0).delayMs).toBe(4995);
    expect(decideRetry(1, response(503), policy, () => 0, 0).delayMs).toBe(0);
  });

  it('stops after maxAttempts, and 1 means no retry', () => {
    expect(decideRetry(5, response(503), policy, () => 0.5, 0)).toMatchObject({ retry: false, reason: 'HTTP 503; 5 attempts used' });
    expect(decideRetry(1, response(503), { ...policy, maxAttempts: 1 }, () => 0.5, 0).retry).toBe(false);
  });

  it('honours Retry-After in seconds and as an HTTP-date, capped by maxRetryAfter', () => {
    expect(decideRetry(1, response(429, '7'), policy, () => 0.5, 0)).toMatchObject({ retry: true, delayMs: 7000 });
    const now = Date.parse('2026-12-04T10:00:00Z');
    expect(decideRetry(1, response(503, 'Fri, 04 Dec 2026 10:00:30 GMT'), policy, () => 0.5, now).delayMs).toBe(30_000);
    expect(decideRetry(1, response(429, '3600'), policy, () => 0.5, 0).delayMs).toBe(120_000);
  });
});

describe('parseRetryAfter', () => {
  it.each([
    ['0', 0],
    ['12', 12_000],
    [' 5 ', 5000],
    ['Fri, 04 Dec 2026 10:00:10 GMT', 10_000],
    ['Fri, 04 Dec 2026 09:00:00 GMT', 0],
    ['-5', undefined],
    ['1.5', undefined],
    ['soon', undefined],
    ['', undefined],
  ])('%j -> %j', (value, expected) => {
    expect(parseRetryAfter(value, Date.parse('2026-12-04T10:00:00Z'))).toBe(expected);
  });
});
