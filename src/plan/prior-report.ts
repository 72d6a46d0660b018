import { readFile } from 'node:fs/promises';
import { InputError } from '../errors.js';
import { validateHost } from '../inventory/host-schema.js';
import { readInventory } from '../inventory/read.js';
import { formatFromExtension } from '../inventory/source.js';
import { PackedHosts } from '../inventory/packed-hosts.js';
import { createRecordMapper, type MappedRecord, type RecordMapper } from '../inventory/columns.js';

/**
 * The hosts an earlier report says were stored: its `succeeded` rows, keyed by host_id.
 * Reads finished reports and the `.partial` a crash leaves (CSV, NDJSON, or JSON written line by line).
 */
export async function readSucceededHosts(path: string): Promise<PackedHosts> {
  const succeeded = new PackedHosts();
  const notAReport = (): InputError => new InputError(`--resume ${path}: not a report of this tool (needs the status and the four host columns)`);
  const format = formatFromExtension(path.replace(/\.partial$/i, ''));
  if (format === 'json') {
    const mapObject = createRecordMapper(null, {}, path);
    for (const object of await readJsonReportLines(path)) remember(succeeded, object['status'], mapObject({ line: 0, object }));
    return succeeded;
  }
  const reader = await readInventory({ path }, { format: format ?? 'csv' }).catch((error: unknown) => {
    throw new InputError(`--resume ${path}: ${error instanceof Error ? error.message.replace(`${path}: `, '') : String(error)}`, { cause: error });
  });
  const statusIndex = reader.columns?.indexOf('status');
  if (statusIndex === -1) throw notAReport();
  let mapRecord: RecordMapper;
  try {
    // The report's four API columns are an inventory: read them the way inventories are read.
    mapRecord = createRecordMapper(reader.columns, {}, path);
  } catch {
    throw notAReport();
  }
  for await (const record of reader.records) {
    if ('error' in record) continue; // a row cut short by a crash
    const status = 'cells' in record ? record.cells[statusIndex!] : record.object['status'];
    remember(succeeded, status, mapRecord(record));
  }
  return succeeded;
}

function remember(succeeded: PackedHosts, status: unknown, mapped: MappedRecord): void {
  if (status !== 'succeeded' || mapped.error !== undefined) return;
  const result = validateHost(mapped.fields);
  if (result.ok) succeeded.set(result.host);
}

/** A JSON report holds one row per line between `[` and `]`; an unfinished one lacks the `]`. */
async function readJsonReportLines(path: string): Promise<Record<string, unknown>[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new InputError(`--resume ${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { cause: error });
  }
  const rows: Record<string, unknown>[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim().replace(/^,|,$/g, '');
    if (!line.startsWith('{')) continue;
    try {
      rows.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      // A line cut by a crash: that row was not finished.
    }
  }
  return rows;
}
