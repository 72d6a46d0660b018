import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCsvReport } from '../helpers/report.js';
import { runCliCaptured } from '../helpers/cli.js';
import { useSimulator } from '../helpers/simulator.js';
import { useTmpDir } from '../helpers/tmp.js';
import { writeInventory } from '../helpers/inventory.js';

const tmp = useTmpDir();
const simulator = useSimulator();
const TOKEN_ENV = { HSS_AUTH_TOKEN: 'demo-token' };

describe('usage errors', () => {
  it.each([
    [['sync', 'x.csv', '--concurency', '3'], 'Unknown option --concurency. Did you mean --concurrency?'],
    [['sync', 'x.csv', '--rate', 'fast'], '--rate must look like 5/min, 2/s or 100/h, got "fast"'],
    [['sync', 'x.csv', '--timeout', '30'], '--timeout must be a duration with a unit like 500ms, 30s, 2m or 1h, got "30"'],
    [['sync', 'x.csv', '--on-conflict', 'newest'], '--on-conflict must be one of'],
    [['sync', 'x.csv', '--shard', '3/2'], '--shard must look like k/n with 1 <= k <= n, got "3/2"'],
    [['sync', 'x.csv', '--region', 'mars-1', '--project-id', 'p'], '--region "mars-1" is not a known HSS region'],
    [['sync', 'x.csv', '--map', 'hostid=sys_id'], '--map must look like FIELD=COLUMN'],
    [['sync', 'x.csv', '--shards', '4'], '--shards needs JOB_COMPLETION_INDEX'],
    [['synk', 'x.csv'], 'Did you mean sync?'],
  ])('%j exits 2 saying %s', async (argv, message) => {
    const run = await runCliCaptured(argv, TOKEN_ENV);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses plain http to a host that is not loopback before sending anything', async () => {
    const run = await runCliCaptured(['sync', 'sample-hosts.csv', '--endpoint', 'http://hss.example.com', '--project-id', 'p'], TOKEN_ENV);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--allow-insecure-http');
  });

  it('asks for credentials when none are set', async () => {
    const sim = await simulator();
    const run = await runCliCaptured(['sync', 'sample-hosts.csv', '--endpoint', sim.url, '--project-id', 'p']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no credentials');
    expect(sim.stats.requests).toBe(0);
  });
});

describe('input errors exit 2, name the file, and send nothing', () => {
  it.each([
    ['missing.csv', null, 'missing.csv: no such file'],
    ['empty.csv', '', 'the file is empty'],
    ['nohost.csv', 'backup_host_ip,backup_host_port,backup_dir\n10.0.0.1,22,/b\n', 'no "host_id" column'],
    ['broken.json', '[{"host_id": "a",', 'not valid JSON'],
    ['object.json', '{"host_id": "a"}', 'expected a JSON array of objects, got an object'],
  ])('%s', async (name, content, message) => {
    const sim = await simulator();
    const path = content === null ? tmp.path(name) : tmp.write(name, content);
    const report = tmp.path('r.csv');
    const run = await runCliCaptured(['sync', path, '--endpoint', sim.url, '--project-id', 'p', '--report', report], TOKEN_ENV);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain(name);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(sim.stats.requests).toBe(0);
    expect(existsSync(report) || existsSync(`${report}.partial`)).toBe(false);
  });
});

describe('sync from the command line', () => {
  it('upserts with flags from the environment, writes the report and the summary JSON', async () => {
    const sim = await simulator();
    const report = tmp.path('r.csv');
    const inventory = writeInventory(tmp.path('hosts.csv'), 12);
    const run = await runCliCaptured(['sync', inventory, '--report', report, '--summary-json', '-', '--rate', '500/s'], {
      ...TOKEN_ENV,
      HSS_ENDPOINT: sim.url,
      HSS_PROJECT_ID: 'proj',
      HSS_RATE: '1/min', // the flag wins
    });
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary.counts.succeeded).toBe(12);
    expect(summary.requests.sent).toBe(sim.stats.puts);
    expect(summary.report).toBe(report);
    expect(readCsvReport(report)).toHaveLength(12);
    expect(run.stderr).toContain('12 rows: succeeded 12');
    expect(run.stderr).not.toContain('demo-token');
  });

  it('signs with AK/SK from CLOUD_SDK_AK / CLOUD_SDK_SK, and the simulator verifies it', async () => {
    const sim = await simulator({ credentials: { keys: [{ ak: 'MYAK', sk: 'my-secret-sk' }], tokens: [] } });
    const run = await runCliCaptured(['sync', writeInventory(tmp.path('h.csv'), 5), '--endpoint', sim.url, '--project-id', 'proj', '--rate', '500/s', '--log-level', 'trace'], {
      CLOUD_SDK_AK: 'MYAK',
      CLOUD_SDK_SK: 'my-secret-sk',
    });
    expect(run.code).toBe(0);
    expect(sim.hosts.size).toBe(5);
    expect(sim.stats.authRejected).toBe(0);
    expect(run.stderr).not.toContain('my-secret-sk');
  });

  it('a wrong SK stops at the first rejection (exit 3) and never prints the SK', async () => {
    const sim = await simulator({ credentials: { keys: [{ ak: 'MYAK', sk: 'right-sk' }], tokens: [] } });
    const report = tmp.path('r.csv');
    const run = await runCliCaptured(['sync', writeInventory(tmp.path('h.csv'), 8), '--endpoint', sim.url, '--project-id', 'proj', '--rate', '500/s', '--concurrency', '1', '--report', report, '--log-level', 'trace'], {
      CLOUD_SDK_AK: 'MYAK',
      CLOUD_SDK_SK: 'wrong-sk-value',
    });
    expect(run.code).toBe(3);
    expect(sim.stats.puts).toBe(1);
    const rows = readCsvReport(report);
    expect(rows).toHaveLength(8);
    expect(rows.filter((r) => r.status === 'skipped')).toHaveLength(7);
    expect(run.stderr + readFileSync(report, 'utf8')).not.toContain('wrong-sk-value');
    expect(run.stderr).toContain('credentials rejected');
  });

  it('--help lists the commands, and each command shows grouped options with examples', async () => {
    const top = await runCliCaptured(['--help']);
    expect(top.code).toBe(0);
    for (const command of ['sync', 'plan', 'simulate']) expect(top.stdout).toContain(command);
    const sync = await runCliCaptured(['sync', '--help']);
    expect(sync.code).toBe(0);
    for (const group of ['Connection:', 'Pacing and retries:', 'Inventory:', 'Output:', 'Run control:']) expect(sync.stdout).toContain(group);
    expect(sync.stdout).toContain('Examples:');
    expect(sync.stdout).toContain('5/min');
    const version = await runCliCaptured(['--version']);
    expect(version.stdout.trim()).toBe('0.0.0-test');
  });
});

describe('failures of the run itself', () => {
  it('refuses to write the report over the inventory it reads', async () => {
    const inventory = tmp.write('r.csv.partial', 'host_id,backup_host_ip,backup_host_port,backup_dir\nh,10.0.0.1,22,/b\n');
    const run = await runCliCaptured(['sync', inventory, '--dry-run', '--report', tmp.path('r.csv')], {});
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('is the file --report');
    expect(readFileSync(inventory, 'utf8')).toContain('h,10.0.0.1');
  });

  it('a report that cannot be written is one line, exit 2, nothing sent', async () => {
    const sim = await simulator();
    const notADir = tmp.write('plain-file', 'x');
    const run = await runCliCaptured(['sync', 'sample-hosts.csv', '--endpoint', sim.url, '--project-id', 'p', '--report', `${notADir}/r.csv`], TOKEN_ENV);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: --report .*plain-file\/r\.csv: cannot write \(E[A-Z]+\)\n$/);
    expect(sim.stats.requests).toBe(0);
  });
});

describe('repeated flags', () => {
  it('--map and --default collect every occurrence; a repeated single-value flag keeps the last', async () => {
    const sim = await simulator();
    const inventory = tmp.write('sheet.csv', 'Server UUID,Backup IP,Backup Host Port\nu-1,10.0.0.1,22\n');
    const run = await runCliCaptured(
      ['sync', inventory, '--endpoint', sim.url, '--project-id', 'p', '--map', 'host_id=Server UUID', '--map', 'backup_host_ip=Backup IP', '--default', 'backup_dir=/hss/backup', '--default', 'backup_host_port=2222', '--rate', '1/min', '--rate', '500/s', '--summary-json', '-'],
      TOKEN_ENV,
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(sim.putBodies[0]!)).toEqual({ host_id: 'u-1', backup_host_ip: '10.0.0.1', backup_host_port: 22, backup_dir: '/hss/backup' });
  });

  it('reads the inventory from stdin with -', async () => {
    const { Readable } = await import('node:stream');
    const { runCli } = await import('../../src/cli/app.js');
    let stderr = '';
    const code = await runCli(['sync', '-', '--dry-run', '--format', 'csv'], {
      env: {},
      stdout: { write: () => true },
      stderr: { write: (text: string) => (stderr += text) },
      stdin: Readable.from([Buffer.from('host_id,backup_host_ip,backup_host_port,backup_dir\nh,10.0.0.1,22,/b\n')]),
      version: 'test',
    });
    expect(code).toBe(0);
    expect(stderr).toContain('1 rows: planned 1');
  });
});
