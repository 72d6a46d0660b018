import { stringify } from 'csv-stringify/sync';
import { escapeFormula } from '../inventory/csv-cells.js';
import { REPORT_COLUMNS, type ReportRow } from '../model.js';

export type ReportFormat = 'csv' | 'ndjson' | 'json';

export function reportFormatOf(path: string): ReportFormat | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.ndjson') || lower.endsWith('.jsonl')) return 'ndjson';
  if (lower.endsWith('.json')) return 'json';
  return undefined;
}

export function reportHeader(format: ReportFormat): string {
  if (format === 'csv') return `${REPORT_COLUMNS.join(',')}\n`;
  return format === 'json' ? '[\n' : '';
}

export function reportFooter(format: ReportFormat, rowsWritten: number): string {
  if (format !== 'json') return '';
  return rowsWritten === 0 ? ']\n' : '\n]\n';
}

/**
 * Serialises a batch. CSV cells that a spreadsheet would run as a formula get a leading `'`
 * (reading a CSV back removes it). JSON rows are one per line, `,` first from the second on,
 * so an unfinished `.partial` can still be read line by line.
 */
export function formatRows(format: ReportFormat, rows: ReportRow[], rowsBefore: number): string {
  if (format === 'csv') {
    return stringify(rows.map(csvCells), { eof: true, quoted_match: /^\s|\s$/ });
  }
  let out = '';
  for (let i = 0; i < rows.length; i++) {
    const json = JSON.stringify(rows[i]);
    out += format === 'json' ? `${rowsBefore + i === 0 ? '' : ',\n'}${json}` : `${json}\n`;
  }
  return out;
}

function csvCells(row: ReportRow): unknown[] {
  return REPORT_COLUMNS.map((column) => {
    const value = row[column];
    return typeof value === 'string' ? escapeFormula(value) : value;
  });
}
