import { parse, CsvError } from 'csv-parse';
import { InputError } from '../errors.js';
import { detectDelimiter, normalizeColumnName, unescapeFormula } from './csv-cells.js';
import { MAX_COLUMNS, MAX_RECORD_BYTES, type InventoryReader, type SourceRecord } from './record.js';

export interface CsvReadOptions {
  delimiter?: string | undefined;
}

/**
 * Streams CSV records. Line numbers are physical lines where a record starts (header = 1), also
 * after quoted newlines and blank lines. CRLF is folded to LF first; then every record, blank ones
 * included, spans one line plus the newlines inside its cells, so counting is exact and cheap
 * (csv-parse's per-record `info` copies an object per row and miscounts quoted CRLFs).
 */
export async function readCsv(text: AsyncIterable<string>, fileLabel: string, options: CsvReadOptions): Promise<InventoryReader> {
  const iterator = text[Symbol.asyncIterator]();
  const first = await peekFirstLine(iterator, fileLabel);
  if (first.headerLine.trim() === '' && first.rest.trim() === '' && first.done) {
    throw new InputError(`${fileLabel}: the file is empty (no header line)`);
  }
  const delimiter = options.delimiter ?? detectDelimiter(first.headerLine);
  const parser = parse({
    delimiter,
    record_delimiter: '\n',
    relax_column_count: true,
    max_record_size: MAX_RECORD_BYTES,
    // A stray quote inside an unquoted cell (5" disk) is text, not a syntax error.
    relax_quotes: true,
  });
  feed(parser, first.consumed, iterator);

  const records = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;
  const position = { nextLine: 1 };
  let header: string[] | undefined;
  try {
    for (;;) {
      const next = await records.next();
      if (next.done) break;
      position.nextLine += 1 + newlinesIn(next.value);
      if (isBlank(next.value)) continue;
      header = next.value;
      break;
    }
  } catch (error) {
    throw csvInputError(error, fileLabel, position.nextLine);
  }
  if (!header) throw new InputError(`${fileLabel}: the file is empty (no header line)`);
  const columns = checkHeader(header, fileLabel);
  return { format: 'csv', columns, records: csvRecords(records, columns.length, fileLabel, position) };
}

async function* csvRecords(records: AsyncIterator<string[]>, width: number, fileLabel: string, position: { nextLine: number }): AsyncGenerator<SourceRecord> {
  for (;;) {
    let next: IteratorResult<string[]>;
    try {
      next = await records.next();
    } catch (error) {
      throw csvInputError(error, fileLabel, position.nextLine);
    }
    if (next.done) return;
    const record = next.value;
    const line = position.nextLine;
    position.nextLine += 1 + newlinesIn(record);
    if (isBlank(record)) continue;
    for (let i = 0; i < record.length; i++) if (record[i]!.charCodeAt(0) === 39) record[i] = unescapeFormula(record[i]!);
    if (record.length !== width) {
      yield { line, error: `has ${record.length} fields, the header has ${width}`, cells: record };
    } else {
      yield { line, cells: record };
    }
  }
}

function checkHeader(header: string[], fileLabel: string): string[] {
  if (header.length > MAX_COLUMNS) {
    throw new InputError(`${fileLabel} line 1: the header has ${header.length} columns, more than the ${MAX_COLUMNS} accepted`);
  }
  const columns = header.map(normalizeColumnName);
  const seen = new Set<string>();
  for (const column of columns) {
    if (column !== '' && seen.has(column)) {
      throw new InputError(`${fileLabel} line 1: column "${column}" appears more than once in the header`);
    }
    seen.add(column);
  }
  return columns;
}

function isBlank(record: string[]): boolean {
  for (const cell of record) if (cell.trim() !== '') return false;
  return true;
}

function newlinesIn(record: string[]): number {
  let count = 0;
  for (const cell of record) {
    for (let i = cell.indexOf('\n'); i !== -1; i = cell.indexOf('\n', i + 1)) count++;
  }
  return count;
}

/** `line` is where the failing record starts, by our count (csv-parse's own is off after quoted CRLFs). */
function csvInputError(error: unknown, fileLabel: string, line: number): Error {
  if (error instanceof InputError) return error;
  if (error instanceof CsvError) {
    const where = `${fileLabel} line ${line}`;
    switch (error.code) {
      case 'CSV_QUOTE_NOT_CLOSED':
        return new InputError(`${where}: a quoted field is never closed`, { cause: error });
      case 'CSV_MAX_RECORD_SIZE':
        return new InputError(`${where}: a record is longer than ${MAX_RECORD_BYTES / 1024} KiB (is this really an inventory?)`, { cause: error });
      default:
        return new InputError(`${where}: not valid CSV (${error.message.replace(/\s+/g, ' ')})`, { cause: error });
    }
  }
  return error instanceof Error ? error : new Error(String(error));
}

interface FirstLine {
  headerLine: string;
  consumed: string;
  rest: string;
  done: boolean;
}

/** Reads until the first newline, to detect the delimiter before parsing starts. */
async function peekFirstLine(iterator: AsyncIterator<string>, fileLabel: string): Promise<FirstLine> {
  let consumed = '';
  for (;;) {
    const newline = consumed.indexOf('\n');
    if (newline !== -1) return { headerLine: consumed.slice(0, newline), consumed, rest: consumed.slice(newline + 1), done: false };
    if (consumed.length > MAX_RECORD_BYTES) {
      throw new InputError(`${fileLabel} line 1: no line break in the first ${MAX_RECORD_BYTES / 1024} KiB (is this really an inventory?)`);
    }
    const next = await iterator.next();
    if (next.done) return { headerLine: consumed, consumed, rest: '', done: true };
    consumed += next.value;
  }
}

/** Pushes text into the parser with backpressure, folding CRLF to LF across chunk edges. */
function feed(parser: ReturnType<typeof parse>, first: string, rest: AsyncIterator<string>): void {
  let pendingCr = false;
  const fold = (chunk: string): string => {
    let text = pendingCr ? `\r${chunk}` : chunk;
    pendingCr = text.endsWith('\r');
    if (pendingCr) text = text.slice(0, -1);
    return text.replace(/\r\n/g, '\n');
  };
  void (async () => {
    try {
      let chunk: string = fold(first);
      for (;;) {
        if (chunk && !parser.write(chunk)) await new Promise((resolve) => parser.once('drain', resolve));
        const next = await rest.next();
        if (next.done) break;
        chunk = fold(next.value);
      }
      parser.end(pendingCr ? '\r' : undefined);
    } catch (error) {
      parser.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  })();
}
