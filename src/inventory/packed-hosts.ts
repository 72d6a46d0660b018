import type { BackupHost } from '../model.js';
import { fnv1a, HostTable } from './host-table.js';

/** What planning needs of a stored state: look a host up, list the ids. `Map` fits too. */
export interface HostLookup {
  get(hostId: string): BackupHost | undefined;
  keys(): Iterable<string>;
}

/**
 * A `Map<host_id, BackupHost>` in the packed form of HostTable, with an open-addressing index:
 * an earlier report of a million rows fits in tens of megabytes, not hundreds. Setting an id
 * again replaces it (the old row stays in the arena, unreachable: repeats are rare).
 */
export class PackedHosts implements HostLookup {
  readonly #table = new HostTable();
  /** Lookups encode the id here instead of allocating a Buffer each (ids are at most 256 characters). */
  readonly #scratch = Buffer.allocUnsafe(4 * 256);
  #slots = new Int32Array(1024).fill(-1);
  #count = 0;

  get size(): number {
    return this.#count;
  }

  set(host: BackupHost): void {
    const slot = this.#find(this.#encode(host.host_id));
    if (this.#slots[slot] === -1) this.#count++;
    this.#slots[slot] = this.#table.size;
    this.#table.add(0, host);
    if (this.#count * 2 > this.#slots.length) this.#grow();
  }

  get(hostId: string): BackupHost | undefined {
    if (hostId.length > 256) return undefined;
    const index = this.#slots[this.#find(this.#encode(hostId))]!;
    return index === -1 ? undefined : this.#table.hostAt(index);
  }

  *keys(): Iterable<string> {
    for (const index of this.#slots) if (index !== -1) yield this.#table.hostIdAt(index);
  }

  #encode(hostId: string): Buffer {
    return this.#scratch.subarray(0, this.#scratch.write(hostId, 'utf8'));
  }

  /** The slot holding `id`, or the empty slot where it would go. */
  #find(id: Buffer): number {
    const mask = this.#slots.length - 1;
    for (let slot = fnv1a(id) & mask; ; slot = (slot + 1) & mask) {
      const index = this.#slots[slot]!;
      if (index === -1 || this.#table.hostIdIs(index, id)) return slot;
    }
  }

  #grow(): void {
    const old = this.#slots;
    this.#slots = new Int32Array(old.length * 2).fill(-1);
    const mask = this.#slots.length - 1;
    for (const index of old) {
      if (index === -1) continue;
      let slot = this.#table.hostIdHash(index) & mask;
      while (this.#slots[slot] !== -1) slot = (slot + 1) & mask;
      this.#slots[slot] = index;
    }
  }
}
