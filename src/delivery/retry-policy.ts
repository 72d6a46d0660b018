import type { CallOutcome } from '../hss/client.js';

export interface RetryPolicy {
  /** Attempts per row, the first included. 1 = no retry. */
  maxAttempts: number;
  /** Backoff base: the cap of the first retry's random delay. */
  baseDelayMs: number;
  /** Backoff cap. */
  maxDelayMs: number;
  /** A server's Retry-After is honoured up to this. */
  maxRetryAfterMs: number;
}

export interface RetryDecision {
  retry: boolean;
  delayMs: number;
  reason: string;
}

/** Worth another try: throttling, gateway and server trouble. PUT is an idempotent upsert. */
const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);
/** Connection trouble worth another try; DNS "no such name" is not, a transient DNS failure is. */
const RETRYABLE_NETWORK = new Set(['ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'UND_ERR_CLOSED']);

/**
 * Decides what to do after attempt number `attempt` (1-based) ended with `outcome`.
 * Backoff is exponential with full jitter; a Retry-After, when sent, replaces it (capped).
 */
export function decideRetry(
  attempt: number,
  outcome: CallOutcome,
  policy: RetryPolicy,
  random: () => number,
  nowMs: number,
): RetryDecision {
  const why = retryableReason(outcome);
  if (!why) return { retry: false, delayMs: 0, reason: 'not retryable' };
  if (attempt >= policy.maxAttempts) return { retry: false, delayMs: 0, reason: `${why}; ${policy.maxAttempts} attempts used` };
  const retryAfterMs = outcome.kind === 'response' && outcome.retryAfter !== undefined ? parseRetryAfter(outcome.retryAfter, nowMs) : undefined;
  if (retryAfterMs !== undefined) {
    return { retry: true, delayMs: Math.min(retryAfterMs, policy.maxRetryAfterMs), reason: `${why}; Retry-After` };
  }
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return { retry: true, delayMs: Math.floor(random() * ceiling), reason: why };
}

function retryableReason(outcome: CallOutcome): string | undefined {
  switch (outcome.kind) {
    case 'response':
      return RETRYABLE_STATUS.has(outcome.status) ? `HTTP ${outcome.status}` : undefined;
    case 'timeout':
      return 'timeout';
    case 'network':
      return RETRYABLE_NETWORK.has(outcome.code) ? outcome.code : undefined;
    case 'aborted':
    case 'auth':
      return undefined;
  }
}

/** Retry-After as delay-seconds or an HTTP-date (RFC 9110 §10.2.3); undefined when unusable. */
export function parseRetryAfter(value: string, nowMs: number): number | undefined {
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/[a-z]/i.test(text)) return undefined;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}
