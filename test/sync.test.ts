import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { syncInventory } from '../src/sync.js';
import { byLine, readCsvReport } from './helpers/report.js';
import { fastRun, useSimulator } from './helpers/simulator.js';
import { useTmpDir } from './helpers/tmp.js';

const tmp = useTmpDir();
const simulator = useSimulator();

describe('sync of a mixed inventory', () => {
  it('gives each line the right status and PUTs exactly the valid unique rows', async () => {
    const sim = await simulator();
    const report = tmp.path('mixed.report.csv');
    const summary = await syncInventory({ ...fastRun(sim.url), inventory: 'fixtures/mixed.csv', report });

    const rows = readCsvReport(report);
    expect(rows).toHaveLength(8); // one row per record
    const line = byLine(rows);
    expect([...line.keys()].sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect(line.get(2)!.status).toBe('succeeded');
    expect(line.get(3)).toMatchObject({ status: 'invalid', error_code: 'INVALID_ROW', error_msg: 'backup_host_port must be an integer 0-65535, got "70000"' });
    expect(line.get(4)).toMatchObject({ status: 'invalid', error_msg: 'backup_host_ip must be an IP address, not a hostname, got "backup-host.example"' });
    expect(line.get(5)).toMatchObject({ status: 'duplicate', error_code: 'DUPLICATE', error_msg: 'same values as line 2' });
    expect(line.get(6)).toMatchObject({ status: 'conflict', error_code: 'CONFLICT' });
    expect(line.get(7)).toMatchObject({ status: 'conflict', error_code: 'CONFLICT' });
    expect(line.get(8)).toMatchObject({ status: 'succeeded', backup_dir: '/backup/with,comma', http_status: '200', attempts: '1' });
    expect(line.get(9)).toMatchObject({ status: 'succeeded', backup_host_ip: '2001:db8::6' });
    expect(line.get(8)!.request_id).toMatch(/^[0-9a-f]{32}$/);

    expect(sim.stats.puts).toBe(3);
    expect(sim.putBodies.map((body) => JSON.parse(body).host_id).sort()).toEqual([
      '0b1c9a52-5d1e-4c47-9d8f-1a2b3c4d5e01',
      '0b1c9a52-5d1e-4c47-9d8f-1a2b3c4d5e05',
      '0b1c9a52-5d1e-4c47-9d8f-1a2b3c4d5e06',
    ]);
    expect(summary.counts).toMatchObject({ succeeded: 3, invalid: 2, duplicate: 1, conflict: 2 });
    expect(summary.exit_code).toBe(1);
    expect(summary.requests.sent).toBe(sim.stats.puts);
    expect(existsSync(`${report}.partial`)).toBe(false);
  });

  it('sends the body as exactly the four fields, the port a JSON number, with the token and the query', async () => {
    const sim = await simulator();
    await syncInventory({ ...fastRun(sim.url), inventory: 'fixtures/mixed.csv', enterpriseProjectId: 'all_granted_eps' });
    expect(sim.putBodies).toContain('{"host_id":"0b1c9a52-5d1e-4c47-9d8f-1a2b3c4d5e05","backup_host_ip":"10.0.0.5","backup_host_port":873,"backup_dir":"/backup/with,comma"}');
    const headers = sim.seenHeaders.at(-1)!;
    expect(headers['x-auth-token']).toBe('demo-token');
    expect(headers['content-type']).toBe('application/json');
  });

  it('with --dry-run sends nothing and reports the valid unique rows planned', async () => {
    const sim = await simulator();
    const report = tmp.path('dry.csv');
    const summary = await syncInventory({ inventory: 'fixtures/mixed.csv', endpoint: sim.url, dryRun: true, report });
    expect(sim.stats.requests).toBe(0);
    const rows = readCsvReport(report);
    expect(rows).toHaveLength(8);
    expect(rows.filter((row) => row.status === 'planned').map((row) => Number(row.line)).sort()).toEqual([2, 8, 9]);
    expect(summary.exit_code).toBe(1); // invalid and conflicting rows remain
  });

  it('an inventory of only valid rows exits 0 and stores every host with its values', async () => {
    const sim = await simulator();
    const summary = await syncInventory({ ...fastRun(sim.url), inventory: 'sample-hosts.csv' });
    expect(summary.exit_code).toBe(0);
    expect(summary.counts.succeeded).toBe(22);
    expect(sim.hosts.size).toBe(22);
    expect(sim.hosts.get('a170b338-3926-4059-b28c-105d1fb17c23')).toMatchObject({ backup_dir: '/backup/shop,archive', backup_host_port: 22 });
  });
});
