import { describe, expect, it } from 'vitest';
import { dedupeHosts as dedupeTable } from '../../src/inventory/dedupe.js';
import { HostTable } from '../../src/inventory/host-table.js';
import type { HostRow } from '../../src/model.js';

const row = (line: number, id: string, dir = '/b', ip = '10.0.0.1'): HostRow => ({ line, host: { host_id: id, backup_host_ip: ip, backup_host_port: 22, backup_dir: dir } });

/** Dedupe over a table built from rows; `kept` comes back as rows for readable assertions. */
function dedupeHosts(rows: HostRow[], policy: 'error' | 'first' | 'last') {
  const { kept, stopped } = dedupeTable(HostTable.from(rows), policy);
  return { kept: Array.from(kept, (index) => rows[index]!), stopped };
}

describe('dedupeHosts', () => {
  const rows = [row(2, 'a'), row(3, 'b'), row(4, 'a'), row(5, 'c', '/x'), row(6, 'c', '/y'), row(7, 'c', '/x'), row(8, 'd', '/b', '2001:db8::1'), row(9, 'd', '/b', '2001:DB8:0::1')];

  it('error (the default): identical repeats are duplicates, every row of a conflicting host is a conflict', () => {
    const { kept, stopped } = dedupeHosts(rows, 'error');
    expect(kept.map((r) => r.line)).toEqual([2, 3, 8]);
    const byLine = new Map(stopped.map((r) => [r.line, r]));
    expect(byLine.get(4)).toMatchObject({ status: 'duplicate', error_msg: 'same values as line 2' });
    expect(byLine.get(9)).toMatchObject({ status: 'duplicate', error_msg: 'same values as line 8' });
    for (const line of [5, 6, 7]) expect(byLine.get(line)).toMatchObject({ status: 'conflict', error_code: 'CONFLICT' });
    expect(byLine.get(5)!.error_msg).toContain('lines 5, 6, 7');
    expect(kept.length + stopped.length).toBe(rows.length);
  });

  it('first: sends the first, names it in the others', () => {
    const { kept, stopped } = dedupeHosts(rows, 'first');
    expect(kept.map((r) => r.line)).toEqual([2, 3, 5, 8]);
    const byLine = new Map(stopped.map((r) => [r.line, r]));
    expect(byLine.get(6)).toMatchObject({ status: 'conflict', error_msg: 'host_id c conflicts with line 5, which is sent instead (--on-conflict first)' });
    expect(byLine.get(7)).toMatchObject({ status: 'duplicate', error_msg: 'same values as line 5' });
    expect(kept.length + stopped.length).toBe(rows.length);
  });

  it('last: sends the last, names it in the others', () => {
    const { kept, stopped } = dedupeHosts(rows, 'last');
    expect(kept.map((r) => r.line)).toEqual([2, 3, 7, 8]);
    const byLine = new Map(stopped.map((r) => [r.line, r]));
    expect(byLine.get(5)).toMatchObject({ status: 'duplicate', error_msg: 'same values as line 7' });
    expect(byLine.get(6)).toMatchObject({ status: 'conflict', error_msg: 'host_id c conflicts with line 7, which is sent instead (--on-conflict last)' });
  });
});
