import { InputError } from '../errors.js';
import { HOST_FIELDS, type HostField, type RawHostFields } from '../model.js';
import { normalizeColumnName } from './csv-cells.js';
import type { SourceRecord } from './record.js';

export interface ColumnOptions {
  /** `--map field=column`: take an API field from another column. */
  map?: Partial<Record<HostField, string>> | undefined;
  /** `--default field=value`: fill blank cells and absent columns. */
  defaults?: Partial<Record<HostField, string>> | undefined;
}

/** A record reduced to the four API fields (trimmed, defaults applied), or the reason it cannot be. */
export interface MappedRecord {
  line: number;
  fields: RawHostFields;
  error?: string;
}

export type RecordMapper = (record: SourceRecord) => MappedRecord;

/**
 * Builds the per-record mapping once. For CSV the header decides every column index up front,
 * so a required field with no column and no default is an input error before anything is sent.
 */
export function createRecordMapper(columns: string[] | null, options: ColumnOptions, fileLabel: string): RecordMapper {
  const sourceName = (field: HostField): string => normalizeColumnName(options.map?.[field] ?? field);
  const defaults = options.defaults ?? {};
  if (columns) {
    const indices = HOST_FIELDS.map((field) => {
      const index = columns.indexOf(sourceName(field));
      if (index === -1 && defaults[field] === undefined) throw missingColumn(field, sourceName(field), options, fileLabel);
      return index;
    });
    return (record) => mapCells(record, indices, defaults);
  }
  const keys = HOST_FIELDS.map(sourceName);
  return (record) => mapObject(record, keys, defaults);
}

function missingColumn(field: HostField, column: string, options: ColumnOptions, fileLabel: string): InputError {
  if (options.map?.[field] !== undefined) {
    return new InputError(`${fileLabel} line 1: --map ${field}=${options.map[field]} names a column the header does not have`);
  }
  return new InputError(
    `${fileLabel} line 1: no "${column}" column (required; or name one with --map ${field}=COLUMN, or give --default ${field}=VALUE)`,
  );
}

function mapCells(record: SourceRecord, indices: number[], defaults: Partial<Record<HostField, string>>): MappedRecord {
  const cells = 'cells' in record ? (record.cells ?? []) : [];
  const fields = {} as RawHostFields;
  for (let i = 0; i < HOST_FIELDS.length; i++) {
    const field = HOST_FIELDS[i]!;
    const value = (cells[indices[i]!] ?? '').trim();
    fields[field] = value === '' ? (defaults[field] ?? '') : value;
  }
  return 'error' in record ? { line: record.line, fields, error: record.error } : { line: record.line, fields };
}

function mapObject(record: SourceRecord, keys: string[], defaults: Partial<Record<HostField, string>>): MappedRecord {
  const fields = { host_id: '', backup_host_ip: '', backup_host_port: '', backup_dir: '' } as RawHostFields;
  if (!('object' in record)) {
    return { line: record.line, fields, error: 'error' in record ? record.error : 'not a record' };
  }
  const object = record.object;
  const problems: string[] = [];
  for (let i = 0; i < HOST_FIELDS.length; i++) {
    const field = HOST_FIELDS[i]!;
    const raw = lookup(object, keys[i]!);
    let value = '';
    if (typeof raw === 'string') value = raw.trim();
    else if (typeof raw === 'number' && Number.isFinite(raw)) value = String(raw);
    else if (raw !== undefined && raw !== null) problems.push(`${field} must be a string or a number, got ${describeType(raw)}`);
    fields[field] = value === '' ? (defaults[field] ?? '') : value;
  }
  return problems.length ? { line: record.line, fields, error: problems.join('; ') } : { line: record.line, fields };
}

/** Exact key first (the common case, and cheap); else a key that normalises to the same name. */
function lookup(object: Record<string, unknown>, key: string): unknown {
  if (Object.hasOwn(object, key)) return object[key];
  for (const candidate of Object.keys(object)) {
    if (normalizeColumnName(candidate) === key) return object[candidate];
  }
  return undefined;
}

function describeType(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
