import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { InputError } from '../errors.js';

export type InventoryFormat = 'csv' | 'json' | 'ndjson';

/** Where records come from: a path, or `-` for stdin. */
export interface InventorySource {
  path: string;
  /** Supplied instead of stdin by tests and library callers. */
  stdin?: AsyncIterable<Buffer>;
}

export function formatFromExtension(path: string): InventoryFormat | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith('.csv') || lower.endsWith('.tsv') || lower.endsWith('.txt')) return 'csv';
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.ndjson') || lower.endsWith('.jsonl')) return 'ndjson';
  return undefined;
}

export async function openSource(source: InventorySource): Promise<AsyncIterable<Buffer>> {
  if (source.path === '-') return source.stdin ?? (process.stdin as AsyncIterable<Buffer>);
  try {
    const info = await stat(source.path);
    if (info.isDirectory()) throw new InputError(`${source.path}: is a directory, not an inventory file`);
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : `cannot read (${code ?? 'unknown error'})`;
    throw new InputError(`${source.path}: ${reason}`, { cause: error });
  }
  return createReadStream(source.path, { highWaterMark: 256 * 1024 });
}

export function labelOf(source: InventorySource): string {
  return source.path === '-' ? 'stdin' : source.path;
}
