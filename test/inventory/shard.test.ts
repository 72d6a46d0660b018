import { describe, expect, it } from 'vitest';
import { inShard, shardOf } from '../../src/inventory/shard.js';
import { hostId } from '../helpers/inventory.js';

describe('shards', () => {
  const ids = Array.from({ length: 3000 }, (_, i) => hostId(i));

  it('partition the hosts: each in exactly one shard, roughly evenly', () => {
    const counts = [0, 0, 0, 0];
    for (const [i, id] of ids.entries()) {
      const owners = [1, 2, 3, 4].filter((k) => inShard(id, i + 2, { index: k, count: 4 }));
      expect(owners).toHaveLength(1);
      counts[owners[0]! - 1]!++;
    }
    for (const count of counts) expect(count).toBeGreaterThan(600);
  });

  it('are stable: a host keeps its shard whatever the order or size of the file', () => {
    const before = new Map(ids.map((id) => [id, shardOf(id, 5)]));
    const reordered = [...ids].reverse().concat(Array.from({ length: 100 }, (_, i) => hostId(10_000 + i)));
    for (const id of reordered) if (before.has(id)) expect(shardOf(id, 5)).toBe(before.get(id));
    expect(shardOf('96ae7317-b5c4-4bc8-aa90-eda53f23e99e', 7)).toBe(shardOf('96ae7317-b5c4-4bc8-aa90-eda53f23e99e', 7));
  });

  it('place records without a host_id by line, so they too land in exactly one shard', () => {
    for (let line = 2; line < 50; line++) {
      expect([1, 2, 3].filter((k) => inShard('', line, { index: k, count: 3 }))).toHaveLength(1);
    }
  });
});
