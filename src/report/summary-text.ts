import type { RunSummary } from './summary.js';
import { STATUSES } from './summary.js';
import { formatDuration } from '../units.js';

/** Server text may carry escape sequences; nothing from outside reaches the terminal raw. */
export function stripControl(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
}

/** The closing summary for stderr. */
export function formatSummary(summary: RunSummary): string {
  const counts = STATUSES.filter((status) => summary.counts[status] > 0)
    .map((status) => `${status} ${summary.counts[status]}`)
    .join(', ');
  const lines = [`${summary.rows} rows: ${counts || 'none'}`];
  const { sent, retries, throttled, list_calls: listCalls } = summary.requests;
  if (sent > 0 || listCalls > 0) {
    const lists = listCalls ? `, ${listCalls} list call${listCalls === 1 ? '' : 's'}` : '';
    lines.push(`requests: ${sent} sent (${retries} retries, ${throttled} throttled by 429)${lists}`);
  }
  if (sent > 0) {
    const { p50, p90, p99, max } = summary.latency_ms;
    lines.push(`latency: p50 ${p50}ms, p90 ${p90}ms, p99 ${p99}ms, max ${max}ms`);
  }
  lines.push(`time: ${formatDuration(summary.duration_ms)}`);
  if (summary.report) lines.push(`report: ${summary.report}`);
  if (summary.stop.kind === 'aborted') lines.push(`aborted: ${stripControl(summary.stop.reason)}; rows not attempted are "skipped"`);
  if (summary.stop.kind === 'interrupted') lines.push(`interrupted by ${summary.stop.reason}; rows not attempted are "skipped"`);
  const fixable = summary.counts.failed + summary.counts.invalid + summary.counts.conflict;
  if (summary.report && fixable > 0) {
    lines.push(`next: fix the failed/invalid/conflict rows in ${summary.report} and feed it back as the inventory, or rerun with --resume ${summary.report}`);
  } else if (summary.report && summary.counts.skipped > 0) {
    lines.push(`next: rerun with --resume ${summary.report} to send the skipped rows (the succeeded ones are not sent again)`);
  }
  return `${lines.map(stripControl).join('\n')}\n`;
}
