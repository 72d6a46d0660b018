import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { spawnCli, waitForRows } from '../helpers/child.js';
import { writeInventory } from '../helpers/inventory.js';
import { readCsvReport } from '../helpers/report.js';
import { useSimulator } from '../helpers/simulator.js';
import { useTmpDir } from '../helpers/tmp.js';

const tmp = useTmpDir();
const simulator = useSimulator();

describe('signals and crashes', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s mid-run: in-flight rows finish, the rest are skipped INTERRUPTED, the report is complete, exit %i', async (signal, code) => {
    const sim = await simulator();
    const inventory = writeInventory(tmp.path('hosts.csv'), 200);
    const report = tmp.path('r.csv');
    const child = spawnCli(['sync', inventory, '--endpoint', sim.url, '--project-id', 'p', '--rate', '40/s', '--report', report], { HSS_AUTH_TOKEN: 'demo-token' });
    await waitForRows(`${report}.partial`, 5);
    child.process.kill(signal);
    const exit = await child.exit;
    expect(exit.code).toBe(code);
    const rows = readCsvReport(report);
    expect(rows).toHaveLength(200);
    const succeeded = rows.filter((row) => row.status === 'succeeded');
    const skipped = rows.filter((row) => row.status === 'skipped');
    expect(succeeded.length + skipped.length).toBe(200);
    expect(skipped.length).toBeGreaterThan(100);
    expect(skipped.every((row) => row.error_code === 'INTERRUPTED')).toBe(true);
    for (const row of succeeded) expect(sim.hosts.get(row.host_id)?.backup_dir).toBe(row.backup_dir);
    expect(child.stderr()).toContain('200 rows:');
    expect(child.stderr()).toContain('--resume');
  });

  it('a second signal ends at once, leaving the .partial with every finished row', async () => {
    const sim = await simulator({ fault: ({ index }) => (index >= 3 ? { kind: 'hang' } : undefined) });
    const report = tmp.path('r.csv');
    const child = spawnCli(['sync', writeInventory(tmp.path('hosts.csv'), 50), '--endpoint', sim.url, '--project-id', 'p', '--rate', '100/s', '--concurrency', '1', '--grace', '30s', '--report', report], { HSS_AUTH_TOKEN: 'demo-token' });
    await waitForRows(`${report}.partial`, 3);
    child.process.kill('SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const secondAt = Date.now();
    child.process.kill('SIGINT');
    expect((await child.exit).code).toBe(130);
    expect(Date.now() - secondAt).toBeLessThan(5000); // not the 30 s grace
    const partial = readFileSync(`${report}.partial`, 'utf8').split('\n').filter(Boolean);
    expect(partial.length - 1).toBe(3);
  });

  it.each([0, 1, 20, 90])('after SIGKILL with %i rows finished, the .partial holds only rows the server stored, and --resume sends the rest once', async (killAfter) => {
    const sim = await simulator();
    const inventory = writeInventory(tmp.path('hosts.csv'), 120);
    const report = tmp.path('r.csv');
    const env = { HSS_AUTH_TOKEN: 'demo-token' };
    const first = spawnCli(['sync', inventory, '--endpoint', sim.url, '--project-id', 'p', '--rate', '100/s', '--report', report], env);
    await waitForRows(`${report}.partial`, killAfter);
    first.process.kill('SIGKILL');
    await first.exit;

    const partial = readFileSync(`${report}.partial`, 'utf8');
    const finished = partial.split('\n').slice(1).filter(Boolean).map((line) => line.split(','));
    const succeededIds = new Set(finished.filter((cells) => cells[5] === 'succeeded').map((cells) => cells[1]!));
    expect(succeededIds.size).toBeGreaterThanOrEqual(killAfter);
    expect(finished.every((cells) => cells.length === 13)).toBe(true); // no torn row
    for (const id of succeededIds) expect(sim.hosts.has(id)).toBe(true);

    const putsBefore = sim.putBodies.length;
    // The natural command after a crash: resume from the .partial, into the same report name.
    const second = spawnCli(['sync', inventory, '--endpoint', sim.url, '--project-id', 'p', '--rate', '500/s', '--resume', `${report}.partial`, '--report', report], env);
    expect((await second.exit).code).toBe(0);
    const resent = sim.putBodies.slice(putsBefore).map((body) => JSON.parse(body).host_id as string);
    expect(resent.filter((id) => succeededIds.has(id))).toEqual([]);
    expect(resent).toHaveLength(120 - succeededIds.size);
    expect(sim.hosts.size).toBe(120);
    const rows = readCsvReport(report);
    expect(rows).toHaveLength(120);
    expect(rows.filter((row) => row.status === 'unchanged')).toHaveLength(succeededIds.size);
  });
});
