import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCliCaptured } from '../helpers/cli.js';
import { readCsvReport } from '../helpers/report.js';
import { useSimulator } from '../helpers/simulator.js';
import { useTmpDir } from '../helpers/tmp.js';

const tmp = useTmpDir();
const simulator = useSimulator();
const dir = 'fixtures/hostile';

/** Each hostile inventory, its documented exit code, and per line the status (or the one-line error). */
const CASES: { file: string; exit: 0 | 1 | 2; lines?: Record<number, string>; message?: RegExp }[] = [
  { file: 'nul-in-field.csv', exit: 1, lines: { 2: 'succeeded', 3: 'invalid' } },
  { file: 'escape-sequences.csv', exit: 1, lines: { 2: 'succeeded', 3: 'invalid', 4: 'invalid' } },
  { file: 'invalid-utf8.csv', exit: 1, lines: { 2: 'succeeded', 3: 'invalid' } },
  { file: 'ragged-rows.csv', exit: 1, lines: { 2: 'succeeded', 3: 'invalid', 4: 'invalid', 5: 'succeeded' } },
  { file: 'non-object-elements.json', exit: 1, lines: { 1: 'succeeded', 2: 'invalid', 3: 'invalid', 4: 'invalid', 5: 'invalid', 6: 'invalid' } },
  // RFC 8259 leaves repeated keys open; like JSON.parse (and most tools), the last one wins.
  { file: 'duplicate-keys.json', exit: 0, lines: { 1: 'succeeded' } },
  { file: 'deeply-nested.json', exit: 1, lines: { 1: 'invalid' } },
  { file: 'deeply-nested-lines.ndjson', exit: 1, lines: { 1: 'succeeded', 2: 'invalid' } },
  { file: 'shell-and-path-values.csv', exit: 0, lines: { 2: 'succeeded', 3: 'succeeded', 4: 'succeeded', 5: 'succeeded', 6: 'succeeded' } },
  { file: 'odd-ports.csv', exit: 1, lines: { 2: 'invalid', 3: 'invalid', 4: 'invalid', 5: 'succeeded', 6: 'succeeded', 7: 'invalid', 8: 'invalid', 9: 'invalid' } },
  { file: 'odd-ips.csv', exit: 1, lines: { 2: 'invalid', 3: 'invalid', 4: 'invalid', 5: 'invalid', 6: 'succeeded', 7: 'invalid', 8: 'succeeded', 9: 'invalid' } },
  { file: 'formula-injection.csv', exit: 0, lines: { 2: 'succeeded', 3: 'succeeded' } },
  { file: 'inventaire été 2026 (copie).csv', exit: 0, lines: { 2: 'succeeded' } },
  { file: 'quote-inside-cell.csv', exit: 0, lines: { 2: 'succeeded' } },
  { file: 'overlong-values.csv', exit: 1, lines: { 2: 'invalid', 3: 'succeeded' } },
  { file: 'duplicate-columns.csv', exit: 2, message: /line 1: column "host_id" appears more than once/ },
  { file: 'whitespace-only.csv', exit: 2, message: /the file is empty/ },
  { file: 'bom-only.csv', exit: 2, message: /the file is empty/ },
  { file: 'empty.json', exit: 2, message: /the file is empty/ },
  { file: 'utf16-without-bom.csv', exit: 2, message: /looks like a binary file \(or UTF-16 without a BOM\)/ },
  { file: 'binary.csv', exit: 2, message: /looks like a binary file/ },
  { file: 'unclosed-quote.csv', exit: 2, message: /line 2: a quoted field is never closed/ },
];

describe('hostile inventories: documented exit code, one clear line, only valid rows sent', () => {
  it.each(CASES)('$file -> exit $exit', async ({ file, exit, lines, message }) => {
    const sim = await simulator();
    const report = tmp.path('report.csv');
    const run = await runCliCaptured(['sync', `${dir}/${file}`, '--endpoint', sim.url, '--project-id', 'p', '--rate', '1000/s', '--report', report, '--log-level', 'warn'], { HSS_AUTH_TOKEN: 'demo-token' });
    expect(run.code).toBe(exit);
    expect(run.stderr).not.toMatch(/\n\s+at |Error:/);
    if (exit === 2) {
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(message!);
      expect(run.stderr).toContain(file);
      expect(sim.stats.requests).toBe(0);
      return;
    }
    const rows = readCsvReport(report);
    expect(Object.fromEntries(rows.map((row) => [Number(row.line), row.status]))).toEqual(lines);
    const sent = sim.putBodies.map((body) => JSON.parse(body).host_id as string).sort();
    expect(sent).toEqual(rows.filter((row) => row.status === 'succeeded').map((row) => row.host_id.replace(/^'(?=[=+\-@])/, '')).sort());
  });

  it.each([
    ['a 10 MB field', (path: string) => `host_id,backup_host_ip,backup_host_port,backup_dir\nh,10.0.0.1,22,"${'x'.repeat(10 * 1024 * 1024)}"\n`, /line 2: a record is longer than 1024 KiB/],
    ['a 100,000-column header', () => Array.from({ length: 100_000 }, (_, i) => `col${i}`).join(','), /line 1: the header has 100000 columns/],
    ['20 MB without a newline', () => 'a'.repeat(20 * 1024 * 1024), /line 1: no line break in the first 1024 KiB/],
  ])('%s: exit 2, bounded', async (_label, make, message) => {
    const path = tmp.write('big.csv', make(''));
    const started = Date.now();
    const run = await runCliCaptured(['sync', path, '--dry-run'], {});
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('report safety', () => {
  it('guards formula cells in CSV reports and reads them back to the original values', async () => {
    const sim = await simulator({ fault: ({ body }) => (body.includes('"h-2"') ? { kind: 'respond', status: 400, body: JSON.stringify({ error_code: 'HSS.0001', error_msg: '=HYPERLINK("https://evil.invalid","click")' }) } : undefined) });
    const inventory = tmp.write('inj.csv', 'host_id,backup_host_ip,backup_host_port,backup_dir\n=1+2,10.0.0.1,22,@SUM(A1)\nh-2,10.0.0.2,22,-x\n');
    const report = tmp.path('inj.report.csv');
    await runCliCaptured(['sync', inventory, '--endpoint', sim.url, '--project-id', 'p', '--rate', '1000/s', '--report', report], { HSS_AUTH_TOKEN: 'demo-token' });
    const text = readFileSync(report, 'utf8');
    expect(text).toContain(`'=1+2,10.0.0.1,22,'@SUM(A1),succeeded`);
    expect(text).toContain(`"'=HYPERLINK(""https://evil.invalid"",""click"")"`);
    expect(text).not.toMatch(/(^|,)=HYPERLINK/m);

    // The report is an inventory: fed back, it sends the original values.
    const again = await simulator();
    await runCliCaptured(['sync', report, '--endpoint', again.url, '--project-id', 'p', '--rate', '1000/s'], { HSS_AUTH_TOKEN: 'demo-token' });
    expect(again.putBodies.map((body) => JSON.parse(body))).toEqual(
      expect.arrayContaining([
        { host_id: '=1+2', backup_host_ip: '10.0.0.1', backup_host_port: 22, backup_dir: '@SUM(A1)' },
        { host_id: 'h-2', backup_host_ip: '10.0.0.2', backup_host_port: 22, backup_dir: '-x' },
      ]),
    );
  });

  it('strips control characters from server text before it reaches the terminal', async () => {
    const sim = await simulator({ fault: () => ({ kind: 'respond', status: 401, body: JSON.stringify({ error_code: 'APIG.0307', error_msg: 'expired\u001b[2J\u001b]0;pwned\u0007' }) }) });
    const run = await runCliCaptured(['sync', 'sample-hosts.csv', '--endpoint', sim.url, '--project-id', 'p'], { HSS_AUTH_TOKEN: 'demo-token' });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('expired');
    expect(run.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  });
});
