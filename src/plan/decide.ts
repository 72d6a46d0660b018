import { sameHostValues } from '../inventory/dedupe.js';
import type { HostTable } from '../inventory/host-table.js';
import type { HostLookup } from '../inventory/packed-hosts.js';
import { rawFieldsOf, stoppedRow, type BackupHost, type ReportRow, type RowChange } from '../model.js';
import { diffHost, type FieldChange } from './diff.js';

/** A row on its way to a PUT. */
export interface PlannedRow {
  line: number;
  host: BackupHost;
  change: RowChange;
}

export interface RowPlan {
  /** Table indices of the rows to send, in input order. */
  send: Uint32Array;
  /** Per entry of `send`: 'create' or 'update'; absent when nothing was compared (a million '' cost 8 MB). */
  changes?: RowChange[];
  /** Field-level differences of updates, by table index (for `plan`). */
  fieldChanges: Map<number, FieldChange[]>;
  /** Rows that need nothing. */
  unchanged: number;
  /** Hosts in the cloud that the inventory does not name (never deleted). */
  onlyInCloud: number;
}

export interface StoredState {
  /** Where the state came from: an earlier report (only its `succeeded` rows) or the live list. */
  source: 'resume' | 'live';
  name: string;
  hosts: HostLookup;
}

/**
 * Pure but for `emitUnchanged`: which rows need a PUT, given what an earlier report or the live
 * list says is stored. Without a stored state, every row is sent.
 */
export function planAgainst(table: HostTable, kept: Uint32Array, stored: StoredState | undefined, emitUnchanged: (row: ReportRow) => void): RowPlan {
  if (!stored) return { send: kept, fieldChanges: new Map(), unchanged: 0, onlyInCloud: 0 };
  const send: number[] = [];
  const changes: RowChange[] = [];
  const fieldChanges = new Map<number, FieldChange[]>();
  const named = stored.source === 'live' ? new Set<string>() : undefined;
  let unchanged = 0;
  for (const index of kept) {
    const host = table.hostAt(index);
    const before = stored.hosts.get(host.host_id);
    named?.add(host.host_id);
    let change: RowChange | 'none';
    if (stored.source === 'resume') change = before && sameHostValues(before, host) ? 'none' : '';
    else {
      const diff = diffHost(host, before);
      change = diff.change;
      if (diff.change === 'update') fieldChanges.set(index, diff.fields);
    }
    if (change === 'none') {
      unchanged++;
      const why = stored.source === 'resume' ? `succeeded in ${stored.name}` : 'matches the live state';
      emitUnchanged(stoppedRow(table.lineAt(index), rawFieldsOf(host), 'unchanged', '', why));
    } else {
      send.push(index);
      changes.push(change);
    }
  }
  let onlyInCloud = 0;
  if (named) for (const id of stored.hosts.keys()) if (!named.has(id)) onlyInCloud++;
  return { send: Uint32Array.from(send), changes, fieldChanges, unchanged, onlyInCloud };
}

/** The planned rows, materialised one at a time as delivery asks for them. */
export interface RowSource {
  count: number;
  rowAt(position: number): PlannedRow;
}

export function rowsOf(table: HostTable, plan: RowPlan): RowSource {
  return {
    count: plan.send.length,
    rowAt: (position) => {
      const index = plan.send[position]!;
      return { line: table.lineAt(index), host: table.hostAt(index), change: plan.changes?.[position] ?? '' };
    },
  };
}
