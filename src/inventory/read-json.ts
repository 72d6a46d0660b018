import { InputError } from '../errors.js';
import { MAX_RECORD_BYTES, type InventoryReader, type SourceRecord } from './record.js';

/** A JSON array is parsed whole; larger inventories belong in CSV or NDJSON, which stream. */
export const MAX_JSON_CHARS = 256 * 1024 * 1024;

export async function readJsonArray(text: AsyncIterable<string>, fileLabel: string): Promise<InventoryReader> {
  const parts: string[] = [];
  let length = 0;
  for await (const chunk of text) {
    length += chunk.length;
    if (length > MAX_JSON_CHARS) {
      throw new InputError(`${fileLabel}: a JSON array over ${MAX_JSON_CHARS / 1024 / 1024} MiB; use NDJSON or CSV for inventories this large`);
    }
    parts.push(chunk);
  }
  const whole = parts.join('');
  if (whole.trim() === '') throw new InputError(`${fileLabel}: the file is empty (expected a JSON array of objects)`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(whole);
  } catch (error) {
    throw new InputError(`${fileLabel}: not valid JSON (${describeJsonError(error, whole)})`, { cause: error });
  }
  if (!Array.isArray(parsed)) {
    throw new InputError(`${fileLabel}: expected a JSON array of objects, got ${jsonTypeOf(parsed)}`);
  }
  return { format: 'json', columns: null, records: arrayRecords(parsed) };
}

async function* arrayRecords(elements: unknown[]): AsyncGenerator<SourceRecord> {
  for (let i = 0; i < elements.length; i++) {
    yield recordOf(i + 1, elements[i]);
    elements[i] = undefined; // let each element go once it is mapped
  }
}

export async function readNdjson(text: AsyncIterable<string>, fileLabel: string): Promise<InventoryReader> {
  return { format: 'ndjson', columns: null, records: ndjsonRecords(text, fileLabel) };
}

async function* ndjsonRecords(text: AsyncIterable<string>, fileLabel: string): AsyncGenerator<SourceRecord> {
  let line = 0;
  for await (const raw of splitLines(text, fileLabel)) {
    line++;
    const content = raw.trim();
    if (content === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(content);
    } catch (error) {
      yield { line, error: `not valid JSON (${describeJsonError(error, content)})` };
      continue;
    }
    yield recordOf(line, parsed);
  }
}

function recordOf(line: number, value: unknown): SourceRecord {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return { line, object: value as Record<string, unknown> };
  }
  return { line, error: `expected a JSON object, got ${jsonTypeOf(value)}` };
}

/** Splits text into lines (LF or CRLF) with a bound on line length, so a huge line cannot exhaust memory. */
export async function* splitLines(text: AsyncIterable<string>, fileLabel: string): AsyncGenerator<string> {
  let carry = '';
  let lineNumber = 1;
  for await (const chunk of text) {
    let start = 0;
    let data = carry + chunk;
    carry = '';
    for (let newline = data.indexOf('\n'); newline !== -1; newline = data.indexOf('\n', start)) {
      yield data.slice(start, newline);
      lineNumber++;
      start = newline + 1;
    }
    data = data.slice(start);
    if (data.length > MAX_RECORD_BYTES) {
      throw new InputError(`${fileLabel} line ${lineNumber}: a line longer than ${MAX_RECORD_BYTES / 1024} KiB (is this really an inventory?)`);
    }
    carry = data;
  }
  if (carry !== '') yield carry;
}

function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

function describeJsonError(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(message);
  if (position) {
    const offset = Number(position[1]);
    const line = text.slice(0, offset).split('\n').length;
    return `${message.replace(/ in JSON at position \d+.*$/, '')} at line ${line}`;
  }
  return message.split('\n')[0] ?? message;
}
