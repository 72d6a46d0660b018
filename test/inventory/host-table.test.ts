import { describe, expect, it } from 'vitest';
import { HostTable } from '../../src/inventory/host-table.js';

describe('HostTable', () => {
  it('gives back exactly what was added, across arena chunks and with multi-byte text', () => {
    const table = new HostTable();
    const hosts = Array.from({ length: 60_000 }, (_, i) => ({
      host_id: `主机-${i}-${'x'.repeat(i % 200)}`,
      backup_host_ip: i % 2 ? `2001:db8::${i.toString(16)}` : `10.0.${i % 250}.${i % 199}`,
      backup_host_port: i % 65536,
      backup_dir: `/备份/${i}/${'d'.repeat(i % 250)}`,
    }));
    hosts.forEach((host, i) => table.add(i + 2, host));
    expect(table.size).toBe(hosts.length);
    for (const i of [0, 1, 17, 29_999, 45_678, 59_999]) {
      expect(table.hostAt(i)).toEqual(hosts[i]);
      expect(table.lineAt(i)).toBe(i + 2);
      expect(table.hostIdAt(i)).toBe(hosts[i]!.host_id);
    }
  });

  it('compares host ids by bytes and hashes equal ids equally', () => {
    const table = HostTable.from([
      { line: 2, host: { host_id: 'abc', backup_host_ip: '10.0.0.1', backup_host_port: 1, backup_dir: '/a' } },
      { line: 3, host: { host_id: 'abcd', backup_host_ip: '10.0.0.1', backup_host_port: 1, backup_dir: '/a' } },
      { line: 4, host: { host_id: 'abc', backup_host_ip: '10.0.0.2', backup_host_port: 2, backup_dir: '/b' } },
    ]);
    expect(table.sameHostId(0, 2)).toBe(true);
    expect(table.sameHostId(0, 1)).toBe(false);
    expect(table.hostIdHash(0)).toBe(table.hostIdHash(2));
  });
});
