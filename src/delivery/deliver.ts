import type { Authenticator } from '../hss/auth/types.js';
import type { CallOutcome, HssClient } from '../hss/client.js';
import { isAuthRejection, isTlsConfigError, parseThrottleLimit, splitDiagnostic } from '../hss/errors.js';
import { rawFieldsOf, type ReportRow } from '../model.js';
import type { PlannedRow, RowSource } from '../plan/decide.js';
import type { LatencyHistogram } from '../report/latency.js';
import type { Clock } from './clock.js';
import type { Pacer } from './pacer.js';
import { decideRetry, type RetryPolicy } from './retry-policy.js';

export interface DeliveryStats {
  /** Requests sent (first tries and retries). */
  sent: number;
  retries: number;
  /** 429 responses. */
  throttled: number;
  /** Per-request latency, for the summary's percentiles. */
  latency: LatencyHistogram;
}

export type StopReason = { kind: 'completed' } | { kind: 'aborted'; message: string } | { kind: 'interrupted'; signal: string };

export interface DeliveryOptions {
  client: HssClient;
  auth: Authenticator;
  pacer: Pacer;
  policy: RetryPolicy;
  concurrency: number;
  /** Abort the run when more rows than this have failed. */
  maxFailures: number;
  clock: Clock;
  random: () => number;
  /** Aborts with a reason `{signal: 'SIGINT'}`: stop starting requests, let in-flight ones finish. */
  stopSignal: AbortSignal;
  /** Aborts in-flight requests (the grace period is over). */
  hardStopSignal: AbortSignal;
  onRow: (row: ReportRow) => void;
  /** Told when the run stops early, so the caller can log it; `diagnostic` is for debug logs only. */
  onAbort?: (message: string, diagnostic?: string) => void;
  stats: DeliveryStats;
}

interface Attempted {
  attempts: number;
  last: CallOutcome | undefined;
  firstStartMs: number;
}

/**
 * Sends every row through the pacer with `concurrency` workers. Row outcomes are values;
 * the only control flow is the stop: credentials rejected or too many failures (abort), or a signal.
 */
export async function deliverRows(rows: RowSource, options: DeliveryOptions): Promise<StopReason> {
  const internalStop = new AbortController();
  const stop = AbortSignal.any([options.stopSignal, internalStop.signal]);
  let stopReason: StopReason = { kind: 'completed' };
  let failures = 0;
  let next = 0;

  const abortRun = (message: string, diagnostic?: string): void => {
    if (stop.aborted) return;
    stopReason = { kind: 'aborted', message };
    options.onAbort?.(message, diagnostic);
    internalStop.abort({ aborted: message });
  };
  const stoppedReason = (): StopReason => {
    if (stopReason.kind !== 'completed') return stopReason;
    const reason = options.stopSignal.reason as { signal?: string } | undefined;
    return { kind: 'interrupted', signal: reason?.signal ?? 'SIGINT' };
  };

  const worker = async (): Promise<void> => {
    while (!stop.aborted && next < rows.count) {
      const row = rows.rowAt(next++);
      const result = await deliverOne(row, options, stop, abortRun, stoppedReason);
      if (result.status === 'failed') {
        failures++;
        if (failures > options.maxFailures) abortRun(`more than ${options.maxFailures} rows failed (--max-failures)`);
      }
      options.onRow(result);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, rows.count) }, worker));

  if (next < rows.count) {
    const reason = stoppedReason();
    if (stopReason.kind === 'completed') stopReason = reason;
    for (; next < rows.count; next++) options.onRow(skippedRow(rows.rowAt(next), reason, undefined));
  }
  return stopReason;
}

async function deliverOne(
  row: PlannedRow,
  options: DeliveryOptions,
  stop: AbortSignal,
  abortRun: (message: string, diagnostic?: string) => void,
  stoppedReason: () => StopReason,
): Promise<ReportRow> {
  const { clock, pacer, stats } = options;
  const tried: Attempted = { attempts: 0, last: undefined, firstStartMs: 0 };
  let refreshed = false;
  for (;;) {
    try {
      await pacer.acquire(stop);
    } catch {
      return skippedRow(row, stoppedReason(), tried);
    }
    const startMs = clock.now();
    if (tried.attempts === 0) tried.firstStartMs = startMs;
    tried.attempts++;
    const outcome = await options.client.putBackupHost(row.host, options.hardStopSignal);
    tried.last = outcome;
    if (outcome.kind === 'auth') {
      // No credentials could be had: nothing went on the wire.
      abortRun(`credentials rejected: ${outcome.message}`);
      return finishedRow(row, 'failed', tried, clock.now());
    }
    stats.sent++;
    stats.latency.record(clock.now() - startMs);

    if (outcome.kind === 'aborted') return skippedRow(row, stoppedReason(), tried);
    if (outcome.kind === 'response') {
      if (outcome.status >= 200 && outcome.status < 300) {
        pacer.onSuccess(startMs);
        return finishedRow(row, 'succeeded', tried, clock.now());
      }
      if (isAuthRejection(outcome.status, outcome.errorCode)) {
        if (outcome.status === 401 && !refreshed && options.auth.refresh) {
          refreshed = true;
          if (await options.auth.refresh().catch(() => false)) continue;
        }
        const { summary, diagnostic } = splitDiagnostic(outcome.errorMsg);
        tried.last = { ...outcome, errorMsg: summary };
        abortRun(`credentials rejected: HTTP ${outcome.status} ${outcome.errorCode} ${summary}`.trim(), diagnostic);
        return finishedRow(row, 'failed', tried, clock.now());
      }
      if (outcome.status === 429) {
        stats.throttled++;
        const limit = parseThrottleLimit(outcome.errorMsg);
        pacer.onThrottled(startMs, limit);
      }
    }
    if (outcome.kind === 'network' && isTlsConfigError(outcome.code)) {
      abortRun(`TLS: ${outcome.code} ${outcome.message} (a private CA? give --ca-file PATH)`);
      return finishedRow(row, 'failed', tried, clock.now());
    }
    const decision = decideRetry(tried.attempts, outcome, options.policy, options.random, clock.now());
    if (!decision.retry) return finishedRow(row, 'failed', tried, clock.now());
    stats.retries++;
    if (outcome.kind === 'response' && outcome.status === 429 && outcome.retryAfter !== undefined) {
      pacer.pauseUntil(clock.now() + decision.delayMs);
    }
    try {
      await clock.sleep(decision.delayMs, stop);
    } catch {
      return skippedRow(row, stoppedReason(), tried);
    }
  }
}

function finishedRow(row: PlannedRow, status: 'succeeded' | 'failed', tried: Attempted, nowMs: number): ReportRow {
  const last = tried.last!;
  const outcome = status === 'succeeded' && last.kind === 'response'
    ? { http_status: last.status, error_code: '', error_msg: '', request_id: last.requestId }
    : describeFailure(last);
  const { host } = row;
  return {
    line: row.line,
    host_id: host.host_id,
    backup_host_ip: host.backup_host_ip,
    backup_host_port: String(host.backup_host_port),
    backup_dir: host.backup_dir,
    status,
    change: row.change,
    http_status: outcome.http_status,
    attempts: tried.attempts,
    error_code: outcome.error_code,
    error_msg: outcome.error_msg,
    request_id: outcome.request_id,
    duration_ms: Math.round(nowMs - tried.firstStartMs),
  };
}

function describeFailure(last: CallOutcome): Pick<ReportRow, 'http_status' | 'error_code' | 'error_msg' | 'request_id'> {
  switch (last.kind) {
    case 'response': {
      const redirect = last.status >= 300 && last.status < 400;
      const message = redirect ? `redirect${last.location ? ` to ${last.location}` : ''} not followed` : last.errorMsg;
      return { http_status: last.status, error_code: last.errorCode, error_msg: message, request_id: last.requestId };
    }
    case 'timeout':
      return { http_status: '', error_code: 'TIMEOUT', error_msg: `${last.message}; the server may have applied the change`, request_id: '' };
    case 'network':
      return { http_status: '', error_code: last.code, error_msg: last.message, request_id: '' };
    case 'aborted':
      return { http_status: '', error_code: 'INTERRUPTED', error_msg: last.message, request_id: '' };
    case 'auth':
      return { http_status: '', error_code: 'AUTH', error_msg: last.message, request_id: '' };
  }
}

function skippedRow(row: PlannedRow, reason: StopReason, tried: Attempted | undefined): ReportRow {
  const code = reason.kind === 'aborted' ? 'ABORTED' : 'INTERRUPTED';
  const why = reason.kind === 'aborted' ? `run aborted: ${reason.message}` : `run interrupted by ${reason.kind === 'interrupted' ? reason.signal : 'a signal'}`;
  const last = tried?.last;
  const inFlight = last?.kind === 'aborted';
  const lastNote = last && !inFlight ? `; last attempt: ${describeFailure(last).error_code || describeFailure(last).http_status}` : '';
  return {
    line: row.line,
    ...rawFieldsOf(row.host),
    status: 'skipped',
    change: row.change,
    http_status: last?.kind === 'response' ? last.status : '',
    attempts: tried?.attempts ?? 0,
    error_code: code,
    error_msg: inFlight ? `${why} while the request was in flight; the server may have applied it` : `${why}${lastNote}`,
    request_id: last?.kind === 'response' ? last.requestId : '',
    duration_ms: '',
  };
}
