import { closeSync, openSync, renameSync, writeSync } from 'node:fs';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigError } from '../errors.js';
import type { ReportRow } from '../model.js';
import { formatRow, reportFooter, reportHeader, type ReportFormat } from './format.js';

/** A finished row reaches the file within this, so a crash loses at most this much work. */
const FLUSH_AFTER_MS = 50;
/** Or as soon as this much text waits: few syscalls, and little to keep between them. */
const FLUSH_AT_CHARS = 64 * 1024;

/**
 * Appends rows to `<path>.partial` as they finish, in batches, and renames it to `<path>` when the
 * run ends. Writes are synchronous and batched: a batch is one syscall, the kernel keeps it through
 * a SIGKILL, and a second Ctrl-C can finish the file without racing queued async writes.
 */
export class ReportWriter {
  readonly path: string;
  readonly partialPath: string;
  readonly #format: ReportFormat;
  #fd: number | undefined;
  /** Rows are serialised as they arrive, so the row objects die young and only text waits. */
  #pending = '';
  #pendingRows = 0;
  #written = 0;
  #timer: NodeJS.Timeout | undefined;

  private constructor(path: string, format: ReportFormat, fd: number) {
    this.path = path;
    this.partialPath = `${path}.partial`;
    this.#format = format;
    this.#fd = fd;
  }

  static open(path: string, format: ReportFormat): ReportWriter {
    let fd: number;
    try {
      mkdirSync(dirname(path), { recursive: true });
      fd = openSync(`${path}.partial`, 'w');
    } catch (error) {
      throw new ConfigError(`--report ${path}: cannot write (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { cause: error });
    }
    const writer = new ReportWriter(path, format, fd);
    writeSync(fd, reportHeader(format));
    return writer;
  }

  write(row: ReportRow): void {
    this.#pending += formatRow(this.#format, row, this.#written + this.#pendingRows);
    this.#pendingRows++;
    if (this.#pending.length >= FLUSH_AT_CHARS) this.flush();
    else this.#timer ??= setTimeout(() => this.flush(), FLUSH_AFTER_MS);
  }

  flush(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#pendingRows === 0 || this.#fd === undefined) return;
    writeSync(this.#fd, this.#pending);
    this.#written += this.#pendingRows;
    this.#pending = '';
    this.#pendingRows = 0;
  }

  /** Completes the file and renames it into place. */
  close(): void {
    if (this.#fd === undefined) return;
    this.flush();
    writeSync(this.#fd, reportFooter(this.#format, this.#written));
    closeSync(this.#fd);
    this.#fd = undefined;
    renameSync(this.partialPath, this.path);
  }

  /** Flushes what is finished and leaves the `.partial` in place (a second signal). */
  abandon(): void {
    if (this.#fd === undefined) return;
    this.flush();
    closeSync(this.#fd);
    this.#fd = undefined;
  }

  /** The run never started (an input error): leave no report behind. */
  discard(): void {
    if (this.#timer) clearTimeout(this.#timer);
    if (this.#fd !== undefined) closeSync(this.#fd);
    this.#fd = undefined;
    rmSync(this.partialPath, { force: true });
  }
}
