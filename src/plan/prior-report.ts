import { readFile } from 'node:fs/promises';
import { InputError } from '../errors.js';
import { validateHost } from '../inventory/host-schema.js';
import { readInventory } from '../inventory/read.js';
import { formatFromExtension } from '../inventory/source.js';
import { PackedHosts } from '../inventory/packed-hosts.js';
import { HOST_FIELDS, type RawHostFields } from '../model.js';

/**
 * The hosts an earlier report says were stored: its `succeeded` rows, keyed by host_id.
 * Reads finished reports and the `.partial` a crash leaves (CSV, NDJSON, or JSON written line by line).
 */
export async function readSucceededHosts(path: string): Promise<PackedHosts> {
  const succeeded = new PackedHosts();
  const remember = (status: unknown, fields: RawHostFields): void => {
    if (status !== 'succeeded') return;
    const result = validateHost(fields);
    if (result.ok) succeeded.set(result.host);
  };
  const innerPath = path.replace(/\.partial$/i, '');
  const format = formatFromExtension(innerPath);
  if (format === 'json') {
    for (const object of await readJsonReportLines(path)) remember(object['status'], fieldsOf(object));
    return succeeded;
  }
  const reader = await readInventory({ path }, { format: format ?? 'csv' }).catch((error: unknown) => {
    throw new InputError(`--resume ${path}: ${error instanceof Error ? error.message.replace(`${path}: `, '') : String(error)}`, { cause: error });
  });
  if (reader.columns) {
    const statusIndex = reader.columns.indexOf('status');
    const indices = HOST_FIELDS.map((field) => reader.columns!.indexOf(field));
    if (statusIndex === -1 || indices.includes(-1)) throw new InputError(`--resume ${path}: not a report of this tool (needs the status and the four host columns)`);
    for await (const record of reader.records) {
      if (!('cells' in record) || !record.cells || 'error' in record) continue;
      const cells = record.cells;
      const fields = Object.fromEntries(HOST_FIELDS.map((field, i) => [field, (cells[indices[i]!] ?? '').trim()])) as RawHostFields;
      remember(cells[statusIndex], fields);
    }
    return succeeded;
  }
  for await (const record of reader.records) {
    if ('object' in record) remember(record.object['status'], fieldsOf(record.object));
  }
  return succeeded;
}

function fieldsOf(object: Record<string, unknown>): RawHostFields {
  return Object.fromEntries(HOST_FIELDS.map((field) => [field, String(object[field] ?? '')])) as RawHostFields;
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
