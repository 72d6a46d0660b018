#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { runCli } from './cli/app.js';
import type { ReportWriter } from './report/writer.js';

// The only place that touches process.argv, process.env, signals and the exit code.
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
const stop = new AbortController();
let writer: ReportWriter | undefined;
let signals = 0;

function onSignal(signal: NodeJS.Signals): void {
  signals++;
  const code = signal === 'SIGTERM' ? 143 : 130;
  if (signals === 1) {
    process.stderr.write(`\n${signal}: finishing in-flight requests (again to stop at once)\n`);
    stop.abort({ signal });
    return;
  }
  // Second signal: leave at once; the .partial keeps every finished row and works with --resume.
  writer?.abandon();
  process.stderr.write(`${signal} again: stopped at once; finished rows are in the .partial report\n`);
  process.exit(code);
}
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

const exitCode = await runCli(process.argv.slice(2), {
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  signal: stop.signal,
  onReportOpen: (opened) => {
    writer = opened;
  },
  version,
});
process.exitCode = exitCode;
// Undici keeps idle sockets and a simulator may linger; the run is over, so leave promptly.
setTimeout(() => process.exit(exitCode), 50).unref();
