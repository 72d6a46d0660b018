import { stripControl } from '../report/summary-text.js';
import type { PlanResult } from '../sync.js';
import { formatDuration, formatRate, intervalMsOf, type Rate } from '../units.js';

export interface PlanView {
  creates: number;
  updates: number;
  unchanged: number;
  invalid: number;
  duplicate: number;
  conflict: number;
  only_in_cloud: number;
  cost: { puts: number; list_calls: number; rate: string; estimated_ms: number };
  changes: { line: number; host_id: string; change: 'create' | 'update'; fields: { field: string; from: string; to: string }[] }[];
  live_state_read: boolean;
}

export function planView(result: PlanResult, rate: Rate): PlanView {
  const { plan, table } = result;
  const changes = Array.from(plan.send, (index, k) => ({
    line: table.lineAt(index),
    host_id: table.hostIdAt(index),
    change: plan.changes?.[k] === 'update' ? ('update' as const) : ('create' as const),
    fields: (plan.fieldChanges.get(index) ?? []).map((f) => ({ field: f.field, from: f.from, to: f.to })),
  }));
  const puts = changes.length;
  return {
    creates: changes.filter((c) => c.change === 'create').length,
    updates: changes.filter((c) => c.change === 'update').length,
    unchanged: result.counts.unchanged,
    invalid: result.counts.invalid,
    duplicate: result.counts.duplicate,
    conflict: result.counts.conflict,
    only_in_cloud: result.plan.onlyInCloud,
    cost: { puts, list_calls: result.requests.list_calls, rate: formatRate(rate), estimated_ms: Math.round(puts * intervalMsOf(rate)) },
    changes,
    live_state_read: result.live,
  };
}

/** The plan as a person reads it, field by field. */
export function formatPlan(view: PlanView): string {
  const lines: string[] = [];
  for (const change of view.changes) {
    const mark = change.change === 'create' ? '+' : '~';
    lines.push(`${mark} ${change.host_id} (line ${change.line}) ${change.change}`);
    for (const field of change.fields) lines.push(`    ${field.field}: ${field.from} → ${field.to}`);
  }
  if (lines.length) lines.push('');
  lines.push(
    `Plan: ${view.creates} to create, ${view.updates} to update, ${view.unchanged} unchanged` +
      (view.invalid + view.duplicate + view.conflict ? `; ${view.invalid} invalid, ${view.duplicate} duplicate, ${view.conflict} conflict` : ''),
  );
  if (view.only_in_cloud) lines.push(`${view.only_in_cloud} hosts exist in the cloud but not in the inventory (left alone: this tool never deletes)`);
  if (!view.live_state_read) lines.push('(the live list was not read: every valid row counts as a create)');
  const time = view.cost.puts === 0 ? 'nothing to send' : `about ${formatDuration(view.cost.estimated_ms)}`;
  lines.push(`Cost: ${view.cost.puts} PUTs at ${view.cost.rate}: ${time}; ${view.cost.list_calls} list call${view.cost.list_calls === 1 ? '' : 's'} made to plan`);
  return `${lines.map(stripControl).join('\n')}\n`;
}
