import type { PlannedRow } from '../delivery/deliver.js';
import { sameHostValues } from '../inventory/dedupe.js';
import { rawFieldsOf, stoppedRow, type BackupHost, type HostRow, type ReportRow } from '../model.js';
import { diffHost, type FieldChange } from './diff.js';

export interface PlannedChange {
  row: PlannedRow;
  fields: FieldChange[];
}

export interface RowPlan {
  toSend: PlannedChange[];
  /** Report rows for rows that need nothing (`unchanged`). */
  unchanged: ReportRow[];
  /** Hosts in the cloud that the inventory does not name (never deleted). */
  onlyInCloud: number;
}

/** Pure: which rows need a PUT, given what an earlier report or the live list says is stored. */
export function planAgainst(rows: HostRow[], stored: Map<string, BackupHost> | undefined, source: 'resume' | 'live', sourceName: string): RowPlan {
  if (!stored) return { toSend: rows.map((row) => ({ row: { ...row, change: '' }, fields: [] })), unchanged: [], onlyInCloud: 0 };
  const toSend: PlannedChange[] = [];
  const unchanged: ReportRow[] = [];
  const named = new Set<string>();
  for (const row of rows) {
    named.add(row.host.host_id);
    const before = stored.get(row.host.host_id);
    if (source === 'resume') {
      if (before && sameHostValues(before, row.host)) unchanged.push(stoppedRow(row.line, rawFieldsOf(row.host), 'unchanged', '', `succeeded in ${sourceName}`));
      else toSend.push({ row: { ...row, change: '' }, fields: [] });
      continue;
    }
    const diff = diffHost(row.host, before);
    if (diff.change === 'none') unchanged.push(stoppedRow(row.line, rawFieldsOf(row.host), 'unchanged', '', 'matches the live state'));
    else toSend.push({ row: { ...row, change: diff.change }, fields: diff.fields });
  }
  let onlyInCloud = 0;
  if (source === 'live') for (const id of stored.keys()) if (!named.has(id)) onlyInCloud++;
  return { toSend, unchanged, onlyInCloud };
}
