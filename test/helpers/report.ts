import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { REPORT_COLUMNS } from '../../src/model.js';

export type CsvReportRow = Record<(typeof REPORT_COLUMNS)[number], string>;

/** Reads a CSV report and checks its header is the contract's column order. */
export function readCsvReport(path: string): CsvReportRow[] {
  const text = readFileSync(path, 'utf8');
  const [header] = text.split('\n');
  if (header !== REPORT_COLUMNS.join(',')) throw new Error(`report header is not the contract: ${header}`);
  return parse(text, { columns: true, skip_empty_lines: true }) as CsvReportRow[];
}

export function byLine(rows: CsvReportRow[]): Map<number, CsvReportRow> {
  return new Map(rows.map((row) => [Number(row.line), row]));
}
