import type { StopReason } from '../delivery/deliver.js';
import type { ReportRow, RowStatus } from '../model.js';

export const STATUSES: readonly RowStatus[] = ['succeeded', 'failed', 'invalid', 'duplicate', 'conflict', 'unchanged', 'skipped', 'planned'];

export interface RunSummary {
  counts: Record<RowStatus, number>;
  /** Records in the report: equals the sum of counts. */
  rows: number;
  changes: { create: number; update: number };
  requests: { sent: number; retries: number; throttled: number; list_calls: number };
  latency_ms: { p50: number; p90: number; p99: number; max: number };
  duration_ms: number;
  report: string | null;
  stop: { kind: 'completed' | 'aborted' | 'interrupted'; reason: string };
  exit_code: number;
}

export class SummaryCollector {
  readonly counts: Record<RowStatus, number> = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<RowStatus, number>;
  readonly changes = { create: 0, update: 0 };
  rows = 0;

  add(row: ReportRow): void {
    this.counts[row.status]++;
    this.rows++;
    if (row.change === 'create') this.changes.create++;
    else if (row.change === 'update') this.changes.update++;
  }
}

/** DESIGN.md's exit codes, from what happened to the rows and how the run stopped. */
export function exitCodeFor(counts: Record<RowStatus, number>, stop: StopReason): number {
  if (stop.kind === 'interrupted') return stop.signal === 'SIGTERM' ? 143 : 130;
  if (stop.kind === 'aborted') return 3;
  const troubled = counts.failed + counts.invalid + counts.conflict + counts.skipped;
  return troubled > 0 ? 1 : 0;
}

export function stopOf(stop: StopReason): RunSummary['stop'] {
  if (stop.kind === 'aborted') return { kind: 'aborted', reason: stop.message };
  if (stop.kind === 'interrupted') return { kind: 'interrupted', reason: stop.signal };
  return { kind: 'completed', reason: '' };
}
