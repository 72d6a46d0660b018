import type { Connection } from '../hss/connect.js';
import { maxFailuresOf, retryPolicyOf } from '../options.js';
import type { RowSource } from '../plan/decide.js';
import type { RunContext } from '../run-hooks.js';
import { deliverRows, type DeliveryStats, type StopReason } from './deliver.js';
import { Pacer } from './pacer.js';

/**
 * The delivery stage of a run: a pacer at the configured rate, the stop signal with its grace
 * period, progress and logging around `deliverRows`.
 */
export async function runDelivery(context: RunContext, rows: RowSource, connection: Connection, stats: DeliveryStats): Promise<StopReason> {
  const { config, hooks, log, clock, emit, startedAt } = context;
  const pacer = new Pacer({ rate: config.rate, burst: config.burst, clock });
  const stopSignal = hooks.signal ?? new AbortController().signal;
  const hardStop = new AbortController();
  let graceTimer: NodeJS.Timeout | undefined;
  const onStop = (): void => {
    log.warn({ grace_ms: config.grace }, 'stopping: no new requests; in-flight ones may finish within the grace period');
    graceTimer = setTimeout(() => {
      hardStop.abort();
      // Ends the calls still in flight; each reports `aborted` because hardStop says so.
      void connection.dispatcher.destroy().catch(() => undefined);
    }, config.grace);
  };
  if (stopSignal.aborted) onStop();
  else stopSignal.addEventListener('abort', onStop, { once: true });

  hooks.onStart?.({ total: rows.count, ratePerMinute: pacer.ratePerMinute(), endpoint: connection.endpoint, report: config.report });
  let done = 0;
  let succeeded = 0;
  let failed = 0;
  try {
    return await deliverRows(rows, {
      client: connection.client,
      auth: connection.auth,
      pacer,
      policy: retryPolicyOf(config),
      concurrency: config.concurrency,
      maxFailures: maxFailuresOf(config, rows.count),
      clock,
      random: hooks.random ?? Math.random,
      stopSignal,
      hardStopSignal: hardStop.signal,
      stats,
      onAbort: (message, diagnostic) => {
        log.error(`aborting: ${message}`);
        if (diagnostic) log.debug({ server_diagnostic: diagnostic }, "the server's view of the request (compare with the signer)");
      },
      onRow: (row) => {
        emit(row);
        done++;
        if (row.status === 'succeeded') succeeded++;
        else if (row.status === 'failed') {
          failed++;
          log.debug({ line: row.line, http_status: row.http_status, error_code: row.error_code, error_msg: row.error_msg }, 'row failed');
        }
        hooks.onProgress?.({ done, total: rows.count, succeeded, failed, throttled: stats.throttled, ratePerMinute: pacer.ratePerMinute(), elapsedMs: Date.now() - startedAt });
      },
    });
  } finally {
    if (graceTimer) clearTimeout(graceTimer);
    stopSignal.removeEventListener('abort', onStop);
  }
}
