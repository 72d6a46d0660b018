import { InputError } from '../errors.js';
import { decodeText } from './decode.js';
import { readCsv } from './read-csv.js';
import { readJsonArray, readNdjson } from './read-json.js';
import type { InventoryReader } from './record.js';
import { formatFromExtension, labelOf, openSource, type InventoryFormat, type InventorySource } from './source.js';

export interface ReadOptions {
  format?: InventoryFormat | undefined;
  delimiter?: string | undefined;
}

/**
 * Opens an inventory and starts streaming its records. Whole-file problems (missing, empty,
 * binary, bad header, not an array) throw InputError here or while iterating; row problems are records.
 */
export async function readInventory(source: InventorySource, options: ReadOptions = {}): Promise<InventoryReader> {
  const label = labelOf(source);
  const text = decodeText(await openSource(source), label)[Symbol.asyncIterator]();
  const peeked: string[] = [];
  const format = options.format ?? formatFromExtension(source.path) ?? (await sniffFormat(text, peeked, label));
  const stream = replay(peeked, text);
  switch (format) {
    case 'csv':
      return readCsv(stream, label, { delimiter: options.delimiter });
    case 'json':
      return readJsonArray(stream, label);
    case 'ndjson':
      return readNdjson(stream, label);
  }
}

/** Decides the format from the first non-blank character; the chunks read are kept in `peeked`. */
async function sniffFormat(text: AsyncIterator<string>, peeked: string[], label: string): Promise<InventoryFormat> {
  for (;;) {
    const next = await text.next();
    if (next.done) throw new InputError(`${label}: the input is empty`);
    peeked.push(next.value);
    const start = next.value.trimStart();
    if (start === '') continue;
    if (start.startsWith('[')) return 'json';
    if (start.startsWith('{')) return 'ndjson';
    return 'csv';
  }
}

async function* replay(head: string[], rest: AsyncIterator<string>): AsyncGenerator<string> {
  yield* head;
  for (;;) {
    const next = await rest.next();
    if (next.done) return;
    yield next.value;
  }
}
