/** One record as the file holds it, with its position. */
export type SourceRecord =
  | { line: number; cells: string[] }
  | { line: number; object: Record<string, unknown> }
  /** A record the reader could not make sense of (ragged row, broken NDJSON line): reported invalid. */
  | { line: number; error: string; cells?: string[] };

export interface InventoryReader {
  format: 'csv' | 'json' | 'ndjson';
  /** Normalised header names (CSV only). */
  columns: string[] | null;
  records: AsyncGenerator<SourceRecord>;
}

/** Longest record or line accepted: no valid row comes near it, and it bounds memory. */
export const MAX_RECORD_BYTES = 1024 * 1024;
/** Widest header accepted. */
export const MAX_COLUMNS = 1000;
