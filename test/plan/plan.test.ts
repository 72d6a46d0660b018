import { describe, expect, it } from 'vitest';
import { syncInventory } from '../../src/sync.js';
import { runCliCaptured } from '../helpers/cli.js';
import { hostId } from '../helpers/inventory.js';
import { readCsvReport } from '../helpers/report.js';
import { useSimulator } from '../helpers/simulator.js';
import { useTmpDir } from '../helpers/tmp.js';

const tmp = useTmpDir();
const simulator = useSimulator();
const ENV = { HSS_AUTH_TOKEN: 'demo-token' };

const host = (i: number, dir = `/backup/${i}`, ip = `10.0.${Math.floor(i / 250)}.${i % 250}`) => ({ host_id: hostId(i), backup_host_ip: ip, backup_host_port: 22, backup_dir: dir });

/** Live: hosts 1-8 and 20-22. Inventory: 1-6 unchanged (5 with another IPv6 spelling), 7-8 moved, 9-10 new. */
function scenario() {
  const live = [1, 2, 3, 4, 6, 7, 8, 20, 21, 22].map((i) => host(i)).concat([host(5, '/backup/5', '2001:DB8:0::5')]);
  const desired = [1, 2, 3, 4, 6].map((i) => host(i)).concat([host(5, '/backup/5', '2001:db8::5'), host(7, '/backup/moved/7'), host(8, '/backup/moved/8'), host(9), host(10)]);
  const lines = ['host_id,backup_host_ip,backup_host_port,backup_dir', ...desired.map((h) => `${h.host_id},${h.backup_host_ip},22,${h.backup_dir}`)];
  return { live, inventory: tmp.write('cmdb.csv', `${lines.join('\n')}\n`) };
}

describe('plan', () => {
  it('prints what would change field by field, counts, and the cost; sends no PUT', async () => {
    const { live, inventory } = scenario();
    const sim = await simulator({ initialHosts: live });
    const run = await runCliCaptured(['plan', inventory, '--endpoint', sim.url, '--project-id', 'p', '--detailed-exitcode'], ENV);
    expect(run.code).toBe(2);
    expect(sim.stats.puts).toBe(0);
    expect(sim.stats.gets).toBe(1);
    expect(run.stdout).toContain(`~ ${hostId(7)} (line 8) update`);
    expect(run.stdout).toContain('    backup_dir: /backup/7 → /backup/moved/7');
    expect(run.stdout).toContain(`+ ${hostId(9)} (line 10) create`);
    expect(run.stdout).toContain('Plan: 2 to create, 2 to update, 6 unchanged');
    expect(run.stdout).toContain('3 hosts exist in the cloud but not in the inventory');
    expect(run.stdout).toContain('Cost: 4 PUTs at 5/min: about 48s; 1 list call made to plan');
  });

  it('--output json and --report give the same plan as data', async () => {
    const { live, inventory } = scenario();
    const sim = await simulator({ initialHosts: live });
    const report = tmp.path('plan.csv');
    const run = await runCliCaptured(['plan', inventory, '--endpoint', sim.url, '--project-id', 'p', '--output', 'json', '--report', report], ENV);
    expect(run.code).toBe(0); // without --detailed-exitcode
    const view = JSON.parse(run.stdout);
    expect(view).toMatchObject({ creates: 2, updates: 2, unchanged: 6, only_in_cloud: 3, cost: { puts: 4, list_calls: 1 } });
    const rows = readCsvReport(report);
    expect(rows).toHaveLength(10);
    expect(rows.filter((r) => r.status === 'planned').map((r) => r.change).sort()).toEqual(['create', 'create', 'update', 'update']);
    expect(rows.filter((r) => r.status === 'unchanged')).toHaveLength(6);
  });

  it('reads the live list page by page (200 a page) through its own pacer', async () => {
    const live = Array.from({ length: 450 }, (_, i) => host(i + 1));
    const sim = await simulator({ initialHosts: live });
    const lines = ['host_id,backup_host_ip,backup_host_port,backup_dir', ...live.map((h) => `${h.host_id},${h.backup_host_ip},22,${h.backup_dir}`)];
    const run = await runCliCaptured(['plan', tmp.write('all.csv', `${lines.join('\n')}\n`), '--endpoint', sim.url, '--project-id', 'p', '--rate', '100/s', '--detailed-exitcode', '--output', 'json'], ENV);
    expect(run.code).toBe(0);
    expect(sim.stats.gets).toBe(3);
    expect(JSON.parse(run.stdout)).toMatchObject({ unchanged: 450, creates: 0, updates: 0 });
  });
});

describe('sync --changed-only', () => {
  it('sends exactly the changed rows; afterwards plan --detailed-exitcode exits 0', async () => {
    const { live, inventory } = scenario();
    const sim = await simulator({ initialHosts: live });
    const report = tmp.path('r.csv');
    const run = await runCliCaptured(['sync', inventory, '--endpoint', sim.url, '--project-id', 'p', '--changed-only', '--rate', '500/s', '--report', report], ENV);
    expect(run.code).toBe(0);
    expect(sim.putBodies.map((b) => JSON.parse(b).host_id).sort()).toEqual([7, 8, 9, 10].map(hostId));
    const rows = readCsvReport(report);
    expect(rows).toHaveLength(10);
    expect(rows.filter((r) => r.status === 'succeeded').map((r) => r.change).sort()).toEqual(['create', 'create', 'update', 'update']);
    const again = await runCliCaptured(['plan', inventory, '--endpoint', sim.url, '--project-id', 'p', '--detailed-exitcode'], ENV);
    expect(again.code).toBe(0);
  });

  it('a live list that cannot be read aborts: exit 3, every row skipped, no PUT', async () => {
    const { inventory } = scenario();
    const sim = await simulator({ fault: ({ method }) => (method === 'GET' ? { kind: 'respond', status: 403, body: '{"error_code":"HSS.0013","error_msg":"insufficient permissions"}' } : undefined) });
    const summary = await syncInventory({ inventory, endpoint: sim.url, projectId: 'p', credentials: { token: 'demo-token' }, changedOnly: true });
    expect(summary.exit_code).toBe(3);
    expect(summary.counts.skipped).toBe(10);
    expect(sim.stats.puts).toBe(0);
  });
});

describe('shards', () => {
  it('--shard k/n and --shards n with JOB_COMPLETION_INDEX split the inventory with nothing lost or doubled', async () => {
    const lines = ['host_id,backup_host_ip,backup_host_port,backup_dir', ...Array.from({ length: 90 }, (_, i) => `${hostId(i)},10.0.0.1,22,/b/${i}`), ',10.0.0.1,22,/no-id'];
    const inventory = tmp.write('fleet.csv', `${lines.join('\n')}\n`);
    const seen: string[] = [];
    for (let index = 0; index < 3; index++) {
      const report = tmp.path(`shard-${index}.csv`);
      const args = index === 0 ? ['--shard', '1/3'] : ['--shards', '3'];
      const env = index === 0 ? {} : { JOB_COMPLETION_INDEX: String(index) };
      const run = await runCliCaptured(['sync', inventory, '--dry-run', '--report', report, ...args], env);
      expect([0, 1]).toContain(run.code);
      seen.push(...readCsvReport(report).map((r) => r.line));
    }
    expect(seen.map(Number).sort((a, b) => a - b)).toEqual(Array.from({ length: 91 }, (_, i) => i + 2));
  });
});

describe('sync --resume', () => {
  it.each(['ndjson', 'json'])('reads a %s report: identical succeeded rows are unchanged, changed ones are sent again', async (format) => {
    const sim = await simulator();
    const inventory = tmp.write('inv.csv', 'host_id,backup_host_ip,backup_host_port,backup_dir\na,10.0.0.1,22,/a\nb,10.0.0.2,22,/b\nc,10.0.0.3,22,/c\n');
    const report = tmp.path(`first.${format}`);
    const first = await runCliCaptured(['sync', inventory, '--endpoint', sim.url, '--project-id', 'p', '--rate', '500/s', '--report', report], ENV);
    expect(first.code).toBe(0);
    const changed = tmp.write('inv2.csv', 'host_id,backup_host_ip,backup_host_port,backup_dir\na,10.0.0.1,22,/a\nb,10.0.0.2,22,/b-moved\nc,10.0.0.3,22,/c\nd,10.0.0.4,22,/d\n');
    const putsBefore = sim.putBodies.length;
    const second = await runCliCaptured(['sync', changed, '--endpoint', sim.url, '--project-id', 'p', '--rate', '500/s', '--resume', report, '--summary-json', '-'], ENV);
    expect(second.code).toBe(0);
    expect(sim.putBodies.slice(putsBefore).map((b) => JSON.parse(b).host_id).sort()).toEqual(['b', 'd']);
    expect(JSON.parse(second.stdout).counts).toMatchObject({ unchanged: 2, succeeded: 2 });
  });
});
