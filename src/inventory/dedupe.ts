import { rawFieldsOf, stoppedRow, type BackupHost, type HostRow, type ReportRow } from '../model.js';
import { canonicalIp } from './ip.js';

export type ConflictPolicy = 'error' | 'first' | 'last';

export interface DedupeResult {
  /** Rows to go on to planning and delivery, in input order. */
  kept: HostRow[];
  /** Report rows for the `duplicate` and `conflict` records. */
  stopped: ReportRow[];
}

export function sameHostValues(a: BackupHost, b: BackupHost): boolean {
  return (
    a.backup_host_port === b.backup_host_port &&
    a.backup_dir === b.backup_dir &&
    canonicalIp(a.backup_host_ip) === canonicalIp(b.backup_host_ip)
  );
}

/**
 * Keys on host_id. Identical repeats are `duplicate`s of the first. A host with differing rows
 * is a conflict: by default none of its rows is sent (a later row may be the fix for an earlier one,
 * and the tool cannot know which); `first`/`last` send that one and name it in the others.
 */
export function dedupeHosts(rows: HostRow[], policy: ConflictPolicy): DedupeResult {
  const firstIndex = new Map<string, number>();
  const repeats = new Map<string, number[]>();
  for (let i = 0; i < rows.length; i++) {
    const id = rows[i]!.host.host_id;
    const first = firstIndex.get(id);
    if (first === undefined) firstIndex.set(id, i);
    else {
      const group = repeats.get(id);
      if (group) group.push(i);
      else repeats.set(id, [first, i]);
    }
  }
  if (repeats.size === 0) return { kept: rows, stopped: [] };

  const dropped = new Set<number>();
  const stopped: ReportRow[] = [];
  const stop = (index: number, status: 'duplicate' | 'conflict', code: string, message: string): void => {
    const row = rows[index]!;
    dropped.add(index);
    stopped.push(stoppedRow(row.line, rawFieldsOf(row.host), status, code, message));
  };

  for (const group of repeats.values()) {
    const lineOf = (index: number): number => rows[index]!.line;
    const conflicting = group.some((index) => !sameHostValues(rows[index]!.host, rows[group[0]!]!.host));
    if (!conflicting) {
      for (const index of group.slice(1)) stop(index, 'duplicate', 'DUPLICATE', `same values as line ${lineOf(group[0]!)}`);
      continue;
    }
    const lines = group.map(lineOf).join(', ');
    const id = rows[group[0]!]!.host.host_id;
    if (policy === 'error') {
      for (const index of group) {
        stop(index, 'conflict', 'CONFLICT', `host_id ${id} has different values on lines ${lines}; none sent (fix the inventory or use --on-conflict first|last)`);
      }
      continue;
    }
    const winner = policy === 'first' ? group[0]! : group[group.length - 1]!;
    for (const index of group) {
      if (index === winner) continue;
      if (sameHostValues(rows[index]!.host, rows[winner]!.host)) {
        stop(index, 'duplicate', 'DUPLICATE', `same values as line ${lineOf(winner)}`);
      } else {
        stop(index, 'conflict', 'CONFLICT', `host_id ${id} conflicts with line ${lineOf(winner)}, which is sent instead (--on-conflict ${policy})`);
      }
    }
  }
  return { kept: rows.filter((_, index) => !dropped.has(index)), stopped };
}
