// npm run bench:reconcile: a 1,000-host nightly reconciliation with 10 changes, against the
// simulator at the real 5/min limit, with the tool at its default pace. Counts the calls and
// the wall time (about 3 minutes: that is the point). Loopback only.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSimulator } from '../dist/simulator/server.js';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'hss-reconcile-'));
const hostId = (i) => `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
const live = Array.from({ length: 1000 }, (_, i) => ({ host_id: hostId(i), backup_host_ip: `10.1.${Math.floor(i / 250)}.${i % 250}`, backup_host_port: 22, backup_dir: `/backup/${i}` }));
const sim = await startSimulator({ initialHosts: live }); // the real default: 5/min per principal and API
const lines = ['host_id,backup_host_ip,backup_host_port,backup_dir', ...live.map((h, i) => `${h.host_id},${h.backup_host_ip},22,${i % 100 === 7 ? `/backup/moved/${i}` : h.backup_dir}`)];
const inventory = join(work, 'cmdb.csv');
writeFileSync(inventory, `${lines.join('\n')}\n`);
const started = Date.now();
const child = spawn(process.execPath, [CLI, 'sync', inventory, '--endpoint', sim.url, '--project-id', 'p', '--changed-only', '--report', join(work, 'nightly.csv')], {
  env: { ...process.env, HSS_AUTH_TOKEN: 'demo-token' },
  stdio: ['ignore', 'inherit', 'inherit'],
});
const exit = await new Promise((resolve) => child.on('exit', resolve));
console.log(JSON.stringify({ exit, wall_s: (Date.now() - started) / 1000, list_calls: sim.stats.gets, puts: sim.stats.puts, throttled: sim.stats.throttled }));
await sim.close();
rmSync(work, { recursive: true, force: true });
