import { isSyncError } from '../errors.js';
import { scrubSecrets } from '../log.js';
import { stripControl } from '../report/summary-text.js';
import type { CliIo } from './app.js';

/**
 * The last word on a failed run: one line, never a stack trace for a user's mistake, never a secret.
 * An unexpected error also gets one line, and a hint; its stack only at debug level.
 */
export function reportError(error: unknown, io: Pick<CliIo, 'stderr'>, logLevel: string, secrets: string[]): number {
  const scrub = (text: string): string => stripControl(scrubSecrets(text, secrets));
  if (isSyncError(error)) {
    io.stderr.write(`error: ${scrub(error.message)}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`error: unexpected failure: ${scrub(message.split('\n')[0] ?? message)}\n`);
  if (logLevel === 'debug' || logLevel === 'trace') io.stderr.write(`${scrub(error instanceof Error ? (error.stack ?? message) : message)}\n`);
  else io.stderr.write('hint: rerun with --log-level debug for details\n');
  return 1;
}

