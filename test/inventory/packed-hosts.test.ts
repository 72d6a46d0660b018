import { describe, expect, it } from 'vitest';
import { PackedHosts } from '../../src/inventory/packed-hosts.js';

const host = (id: string, dir = `/b/${id}`) => ({ host_id: id, backup_host_ip: '10.0.0.1', backup_host_port: 22, backup_dir: dir });

describe('PackedHosts', () => {
  it('behaves like a Map keyed by host_id, through many growths', () => {
    const packed = new PackedHosts();
    const reference = new Map<string, ReturnType<typeof host>>();
    for (let i = 0; i < 20_000; i++) {
      const h = host(i % 3 === 0 ? `主机-${i}` : `h-${i}`);
      packed.set(h);
      reference.set(h.host_id, h);
    }
    // Setting again replaces.
    packed.set(host('h-1', '/moved'));
    reference.set('h-1', host('h-1', '/moved'));
    expect(packed.size).toBe(reference.size);
    for (const [id, value] of reference) expect(packed.get(id)).toEqual(value);
    expect(packed.get('h-999999')).toBeUndefined();
    expect(packed.get('')).toBeUndefined();
    expect(new Set(packed.keys())).toEqual(new Set(reference.keys()));
  });
});
