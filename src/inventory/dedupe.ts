import { rawFieldsOf, stoppedRow, type BackupHost, type ReportRow } from '../model.js';
import type { HostTable } from './host-table.js';
import { canonicalIp } from './ip.js';

export type ConflictPolicy = 'error' | 'first' | 'last';

export interface DedupeResult {
  /** Table indices of the rows to go on to planning and delivery, in input order. */
  kept: Uint32Array;
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
export function dedupeHosts(table: HostTable, policy: ConflictPolicy): DedupeResult {
  const groups = findRepeats(table);
  if (groups.length === 0) return { kept: Uint32Array.from({ length: table.size }, (_, i) => i), stopped: [] };

  const dropped = new Set<number>();
  const stopped: ReportRow[] = [];
  for (const group of groups) {
    const hosts = group.map((index) => table.hostAt(index));
    const lineOf = (k: number): number => table.lineAt(group[k]!);
    const stop = (k: number, status: 'duplicate' | 'conflict', code: string, message: string): void => {
      dropped.add(group[k]!);
      stopped.push(stoppedRow(lineOf(k), rawFieldsOf(hosts[k]!), status, code, message));
    };
    const id = hosts[0]!.host_id;
    if (hosts.every((host) => sameHostValues(host, hosts[0]!))) {
      for (let k = 1; k < group.length; k++) stop(k, 'duplicate', 'DUPLICATE', `same values as line ${lineOf(0)}`);
      continue;
    }
    if (policy === 'error') {
      const lines = group.map((_, k) => lineOf(k)).join(', ');
      for (let k = 0; k < group.length; k++) {
        stop(k, 'conflict', 'CONFLICT', `host_id ${id} has different values on lines ${lines}; none sent (fix the inventory or use --on-conflict first|last)`);
      }
      continue;
    }
    const winner = policy === 'first' ? 0 : group.length - 1;
    for (let k = 0; k < group.length; k++) {
      if (k === winner) continue;
      if (sameHostValues(hosts[k]!, hosts[winner]!)) stop(k, 'duplicate', 'DUPLICATE', `same values as line ${lineOf(winner)}`);
      else stop(k, 'conflict', 'CONFLICT', `host_id ${id} conflicts with line ${lineOf(winner)}, which is sent instead (--on-conflict ${policy})`);
    }
  }
  const kept = new Uint32Array(table.size - dropped.size);
  for (let i = 0, k = 0; i < table.size; i++) if (!dropped.has(i)) kept[k++] = i;
  return { kept, stopped };
}

/** Groups of table indices sharing a host_id (only hosts that repeat), via an open-addressing index. */
function findRepeats(table: HostTable): number[][] {
  let capacity = 16;
  while (capacity < table.size * 2) capacity *= 2;
  const mask = capacity - 1;
  const slots = new Int32Array(capacity).fill(-1);
  const repeats = new Map<number, number[]>();
  for (let i = 0; i < table.size; i++) {
    for (let slot = table.hostIdHash(i) & mask; ; slot = (slot + 1) & mask) {
      const first = slots[slot]!;
      if (first === -1) {
        slots[slot] = i;
        break;
      }
      if (table.sameHostId(first, i)) {
        const group = repeats.get(first);
        if (group) group.push(i);
        else repeats.set(first, [first, i]);
        break;
      }
    }
  }
  return [...repeats.values()];
}
