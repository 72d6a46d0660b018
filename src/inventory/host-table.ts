import type { BackupHost, HostRow } from '../model.js';

const INITIAL_ROWS = 1024;
/** The arena grows by whole chunks, never by copying: no moment holds two arenas. */
const CHUNK_BYTES = 4 * 1024 * 1024;
/** Three fields of at most 256 UTF-16 units, 3 UTF-8 bytes each, and their terminators. */
const MAX_ROW_BYTES = 3 * 256 * 3 + 3;

/**
 * The validated rows of an inventory, packed: the three text fields as UTF-8 in one arena
 * (each ended by a NUL byte, which validation guarantees no field contains), the port and
 * the line in typed arrays. About 90 bytes a row instead of ~240 for objects and strings,
 * so a million-row inventory fits a small pod. Rows are materialised when needed.
 * A row's offset is global: chunk number * CHUNK_BYTES + offset in the chunk.
 */
export class HostTable {
  #chunks: Buffer[] = [];
  #bytes = Buffer.alloc(0);
  #chunkBase = 0;
  #used = 0;
  #starts = new Uint32Array(INITIAL_ROWS);
  #lines = new Uint32Array(INITIAL_ROWS);
  #ports = new Uint16Array(INITIAL_ROWS);
  #size = 0;

  static from(rows: HostRow[]): HostTable {
    const table = new HostTable();
    for (const row of rows) table.add(row.line, row.host);
    return table;
  }

  get size(): number {
    return this.#size;
  }

  add(line: number, host: BackupHost): void {
    if (this.#size === this.#starts.length) this.#growRows();
    if (this.#used + MAX_ROW_BYTES > this.#bytes.length) this.#newChunk();
    const bytes = this.#bytes;
    let at = this.#used;
    this.#starts[this.#size] = this.#chunkBase + at;
    at += bytes.write(host.host_id, at, 'utf8');
    bytes[at++] = 0;
    at += bytes.write(host.backup_host_ip, at, 'utf8');
    bytes[at++] = 0;
    at += bytes.write(host.backup_dir, at, 'utf8');
    bytes[at++] = 0;
    this.#used = at;
    this.#lines[this.#size] = line;
    this.#ports[this.#size] = host.backup_host_port;
    this.#size++;
  }

  lineAt(index: number): number {
    return this.#lines[index]!;
  }

  hostAt(index: number): BackupHost {
    const [bytes, start] = this.#locate(index);
    const idEnd = bytes.indexOf(0, start);
    const ipEnd = bytes.indexOf(0, idEnd + 1);
    const dirEnd = bytes.indexOf(0, ipEnd + 1);
    return {
      host_id: bytes.toString('utf8', start, idEnd),
      backup_host_ip: bytes.toString('utf8', idEnd + 1, ipEnd),
      backup_host_port: this.#ports[index]!,
      backup_dir: bytes.toString('utf8', ipEnd + 1, dirEnd),
    };
  }

  hostIdAt(index: number): string {
    const [bytes, start] = this.#locate(index);
    return bytes.toString('utf8', start, bytes.indexOf(0, start));
  }

  /** FNV-1a over the host_id's bytes, for hash indexes over the table. */
  hostIdHash(index: number): number {
    const [bytes, start] = this.#locate(index);
    return fnv1a(bytes, start, bytes.indexOf(0, start));
  }

  /** Whether row `index` has the host_id whose UTF-8 bytes are `id`. */
  hostIdIs(index: number, id: Buffer): boolean {
    const [bytes, start] = this.#locate(index);
    const end = bytes.indexOf(0, start);
    return end - start === id.length && bytes.compare(id, 0, id.length, start, end) === 0;
  }

  sameHostId(a: number, b: number): boolean {
    const [bytesA, startA] = this.#locate(a);
    const [bytesB, startB] = this.#locate(b);
    const endA = bytesA.indexOf(0, startA);
    const endB = bytesB.indexOf(0, startB);
    return endA - startA === endB - startB && bytesA.compare(bytesB, startB, endB, startA, endA) === 0;
  }

  #locate(index: number): [Buffer, number] {
    const offset = this.#starts[index]!;
    const chunk = Math.floor(offset / CHUNK_BYTES);
    return [this.#chunks[chunk]!, offset - chunk * CHUNK_BYTES];
  }

  #growRows(): void {
    const capacity = this.#starts.length * 2;
    const grow = <T extends Uint32Array | Uint16Array>(old: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(old);
      return next;
    };
    this.#starts = grow(this.#starts, (n) => new Uint32Array(n));
    this.#lines = grow(this.#lines, (n) => new Uint32Array(n));
    this.#ports = grow(this.#ports, (n) => new Uint16Array(n));
  }

  #newChunk(): void {
    this.#bytes = Buffer.allocUnsafe(CHUNK_BYTES);
    this.#chunkBase = this.#chunks.length * CHUNK_BYTES;
    this.#chunks.push(this.#bytes);
    this.#used = 0;
  }
}

/** FNV-1a over bytes[start, end): the same hash for a row's host_id and for a looked-up id. */
export function fnv1a(bytes: Buffer, start = 0, end = bytes.length): number {
  let hash = 0x811c9dc5;
  for (let at = start; at < end; at++) hash = Math.imul(hash ^ bytes[at]!, 0x01000193);
  return hash >>> 0;
}
