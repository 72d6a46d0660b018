import type { Logger } from 'pino';
import type { Clock } from './delivery/clock.js';
import type { ReportRow } from './model.js';
import type { ResolvedOptions } from './options.js';
import type { ReportWriter } from './report/writer.js';

/** What is told to a progress display as the run moves. */
export interface ProgressSnapshot {
  done: number;
  total: number;
  succeeded: number;
  failed: number;
  throttled: number;
  ratePerMinute: number;
  elapsedMs: number;
}

export interface RunHooks {
  /** Called with each report row as it is written. */
  onRow?: (row: ReportRow) => void;
  /** Abort to stop: no new request starts; in-flight ones get the grace period. A reason `{signal: 'SIGTERM'}` names the signal. */
  signal?: AbortSignal;
  logger?: Logger;
  /** Stdin for an inventory of `-`. */
  stdin?: AsyncIterable<Buffer>;
  onProgress?: (snapshot: ProgressSnapshot) => void;
  /** Called once the rows to send are known, before the first PUT. */
  onStart?: (info: { total: number; ratePerMinute: number; endpoint: string; report: string | undefined }) => void;
  clock?: Clock;
  random?: () => number;
  /** Told when the writer is created, so a second signal can leave the `.partial` intact. */
  onReportOpen?: (writer: ReportWriter) => void;
}

/** What the stages of one run share. */
export interface RunContext {
  config: ResolvedOptions;
  hooks: RunHooks;
  log: Logger;
  clock: Clock;
  startedAt: number;
  /** Hands a finished row to the report, the summary and `onRow`. */
  emit: (row: ReportRow) => void;
}
