/** Which shard of `n` (0-based) a host belongs to. FNV-1a: stable across runs, orderings and file growth. */
export function shardOf(hostId: string, n: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < hostId.length; i++) {
    hash ^= hostId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % n;
}

export interface ShardSpec {
  /** 1-based, as users write it: `--shard 2/4`. */
  index: number;
  count: number;
}

/** Records with no host_id cannot be hashed; they go by line so every record lands in exactly one shard. */
export function inShard(hostId: string, line: number, shard: ShardSpec): boolean {
  const zeroBased = hostId === '' ? line % shard.count : shardOf(hostId, shard.count);
  return zeroBased === shard.index - 1;
}
