import { stoppedRow, type ReportRow } from '../model.js';
import { createRecordMapper, type ColumnOptions } from './columns.js';
import { dedupeHosts, type ConflictPolicy } from './dedupe.js';
import { validateHost } from './host-schema.js';
import { HostTable } from './host-table.js';
import { readInventory, type ReadOptions } from './read.js';
import { inShard, type ShardSpec } from './shard.js';
import { labelOf, type InventorySource } from './source.js';

export interface LoadOptions extends ReadOptions, ColumnOptions {
  onConflict: ConflictPolicy;
  shard?: ShardSpec | undefined;
}

export interface LoadedInventory {
  /** Every valid row. */
  table: HostTable;
  /** Indices into `table` of the valid, unique rows (after the conflict policy), in input order. */
  kept: Uint32Array;
  /** Records of this shard read from the file (each has one report row). */
  records: number;
}

/**
 * read → map → shard → validate → dedupe. Invalid, duplicate and conflicting records are handed to
 * `onStopped` as report rows; the rest come back for planning. Nothing here talks to the network.
 */
export async function loadInventory(source: InventorySource, options: LoadOptions, onStopped: (row: ReportRow) => void): Promise<LoadedInventory> {
  const reader = await readInventory(source, options);
  const mapRecord = createRecordMapper(reader.columns, options, labelOf(source));
  const table = new HostTable();
  let records = 0;
  for await (const record of reader.records) {
    const mapped = mapRecord(record);
    if (options.shard && !inShard(mapped.fields.host_id, mapped.line, options.shard)) continue;
    records++;
    if (mapped.error !== undefined) {
      onStopped(stoppedRow(mapped.line, mapped.fields, 'invalid', 'INVALID_ROW', mapped.error));
      continue;
    }
    const result = validateHost(mapped.fields);
    if (result.ok) table.add(mapped.line, result.host);
    else onStopped(stoppedRow(mapped.line, mapped.fields, 'invalid', 'INVALID_ROW', result.message));
  }
  const { kept, stopped } = dedupeHosts(table, options.onConflict);
  for (const row of stopped) onStopped(row);
  return { table, kept, records };
}
