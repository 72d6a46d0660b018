import { syncInventory } from '../../src/sync.js';
import type { ReportRow } from '../../src/model.js';
import type { SyncOptions } from '../../src/options.js';

/** Runs the whole pipeline without HTTP and returns the report rows by line. */
export async function dryRun(inventory: string, options: Partial<SyncOptions> = {}, stdin?: AsyncIterable<Buffer>) {
  const rows: ReportRow[] = [];
  const summary = await syncInventory({ inventory, dryRun: true, ...options }, { onRow: (row) => rows.push(row), ...(stdin ? { stdin } : {}) });
  const byLine = new Map(rows.map((row) => [row.line, row]));
  if (byLine.size !== rows.length) throw new Error('two report rows share a line');
  const statusOf = (line: number): string | undefined => byLine.get(line)?.status;
  return { rows, byLine, statusOf, summary };
}
