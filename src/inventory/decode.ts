import { TextDecoder } from 'node:util';
import { InputError } from '../errors.js';

/**
 * Turns the bytes of an inventory into text. UTF-8 (BOM optional) and UTF-16 LE/BE with a BOM
 * (Excel's "Unicode text"). Invalid bytes decode to U+FFFD, which validation then rejects per row,
 * so a broken byte is reported on its own line instead of being sent or sinking the whole file.
 */
export async function* decodeText(chunks: AsyncIterable<Buffer>, fileLabel: string): AsyncGenerator<string> {
  let decoder: TextDecoder | undefined;
  let head = Buffer.alloc(0);
  for await (const chunk of chunks) {
    if (!decoder) {
      head = Buffer.concat([head, chunk]);
      if (head.length < 4) continue;
      decoder = chooseDecoder(head, fileLabel);
      const text = decoder.decode(skipBom(head), { stream: true });
      if (text) yield text;
      continue;
    }
    const text = decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  if (!decoder) {
    if (head.length === 0) return;
    decoder = chooseDecoder(head, fileLabel);
    const text = decoder.decode(skipBom(head));
    if (text) yield text;
    return;
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}

function chooseDecoder(head: Buffer, fileLabel: string): TextDecoder {
  if (head[0] === 0xff && head[1] === 0xfe) return new TextDecoder('utf-16le', { ignoreBOM: true });
  if (head[0] === 0xfe && head[1] === 0xff) return new TextDecoder('utf-16be', { ignoreBOM: true });
  if (looksBinary(head.subarray(0, 8192))) {
    throw new InputError(`${fileLabel}: looks like a binary file (or UTF-16 without a BOM), not CSV or JSON text`);
  }
  return new TextDecoder('utf-8', { ignoreBOM: true });
}

function skipBom(head: Buffer): Buffer {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return head.subarray(3);
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return head.subarray(2);
  return head;
}

/**
 * Text exports have almost no control bytes; images, archives and BOM-less UTF-16 are full of them.
 * A stray NUL in one cell stays a row problem (that row is invalid), not a file problem.
 */
function looksBinary(probe: Buffer): boolean {
  let control = 0;
  for (const byte of probe) if (byte < 0x09 || (byte > 0x0d && byte < 0x20 && byte !== 0x1b)) control++;
  return control > 0 && control / probe.length > 0.05;
}
