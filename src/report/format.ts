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
 * Serialises one row. CSV cells that a spreadsheet would run as a formula get a leading `'`
 * (reading a CSV back removes it). JSON rows are one per line, `,` first from the second on,
 * so an unfinished `.partial` can still be read line by line.
 */
export function formatRow(format: ReportFormat, row: ReportRow, rowsBefore: number): string {
  if (format === 'csv') return csvLine(row);
  const json = JSON.stringify(row);
  return format === 'json' ? `${rowsBefore === 0 ? '' : ',\n'}${json}` : `${json}\n`;
}

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** RFC 4180: quote a cell holding a quote, comma, line break, or edge whitespace; double its quotes. */
export function csvCell(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const text = escapeFormula(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvLine(row: ReportRow): string {
  let line = csvCell(row.line);
  for (let i = 1; i < REPORT_COLUMNS.length; i++) line += `,${csvCell(row[REPORT_COLUMNS[i]!])}`;
  return `${line}\n`;
}
