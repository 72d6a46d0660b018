// npm run bench: the engine against a fast local target, side by side with its ceilings,
// plus pacing accuracy against a sliding-window limiter and the million-row runs.
// Loopback only. Writes bench/results.json and prints a table.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSimulator } from '../dist/simulator/server.js';
import { hasCommand, startFastTarget } from './targets.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const work = join(root, 'bench', 'tmp');
const CLI = join(root, 'dist', 'cli.js');
const quick = process.argv.includes('--quick');
const SYNC_ROWS = quick ? 20_000 : 100_000;
const MILLION = quick ? 100_000 : 1_000_000;
const CONCURRENCY = 64;
mkdirSync(work, { recursive: true });

function writeInventory(path, count) {
  return new Promise((resolve) => {
    const out = createWriteStream(path);
    out.write('host_id,backup_host_ip,backup_host_port,backup_dir\n');
    let chunk = '';
    for (let i = 0; i < count; i++) {
      const hex = i.toString(16).padStart(12, '0');
      chunk += `0000${hex.slice(0, 4)}-0000-4000-8000-${hex},10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255},${1 + (i % 65000)},/backup/host-${i}\n`;
      if (chunk.length > 1 << 20) { out.write(chunk); chunk = ''; }
    }
    out.end(chunk, resolve);
  });
}

/** Runs a command under /usr/bin/time -v: wall seconds, CPU seconds, peak RSS in MB. */
function timed(command, args, env = {}) {
  const result = spawnSync('/usr/bin/time', ['-v', command, ...args], { env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 64 << 20 });
  const field = (name) => result.stderr.match(new RegExp(`${name}: (.+)`))?.[1]?.trim();
  const [m, s] = (field('Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\)') ?? '0:0').split(':').slice(-2).map(Number);
  return {
    status: result.status,
    wallSeconds: m * 60 + s,
    cpuSeconds: Number(field('User time \\(seconds\\)')) + Number(field('System time \\(seconds\\)')),
    peakRssMb: Math.round(Number(field('Maximum resident set size \\(kbytes\\)')) / 1024),
    stderr: result.stderr,
  };
}

function reportRows(path) {
  return readFileSync(path, 'utf8').split('\n').filter(Boolean).length - 1;
}

const results = { machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version }, date: new Date().toISOString(), rows: SYNC_ROWS };
const row = (label, value) => console.log(`${label.padEnd(58)} ${value}`);

console.log(`hss-backup-sync bench (${quick ? 'quick' : 'full'}), ${results.machine.cpus} cores, node ${process.version}\n`);
const inventory = join(work, `sync-${SYNC_ROWS}.csv`);
await writeInventory(inventory, SYNC_ROWS);

// 1. End to end against the fast target, and the ceilings. Three interleaved rounds, medians
//    reported: on a small shared machine one round can be off by a third either way.
const ROUNDS = quick ? 1 : 3;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const target = await startFastTarget(work);
results.target = target.name;
try {
  const report = join(work, 'sync-report.csv');
  const rounds = { ours: [], bare: [], hey: [] };
  let last;
  for (let round = 0; round < ROUNDS; round++) {
    const ours = timed(process.execPath, [CLI, 'sync', inventory, '--endpoint', target.url, '--project-id', 'bench', '--rate', '1000000/s', '--concurrency', String(CONCURRENCY), '--max-attempts', '1', '--report', report, '--no-progress', '--log-level', 'warn'], { HSS_AUTH_TOKEN: 'bench-token' });
    last = { ...ours, reported: reportRows(report) };
    rounds.ours.push({ rowsPerSecond: SYNC_ROWS / ours.wallSeconds, cpuMicrosPerRow: (ours.cpuSeconds * 1e6) / SYNC_ROWS, peakRssMb: ours.peakRssMb });

    const bare = JSON.parse(execFileSync(process.execPath, [join(root, 'bench', 'bare-loop.mjs'), target.url, String(SYNC_ROWS), String(CONCURRENCY)], { encoding: 'utf8' }));
    rounds.bare.push(bare.rps);

    if (hasCommand('hey')) {
      const body = '{"host_id":"96ae7317-b5c4-4bc8-aa90-eda53f23e99e","backup_host_ip":"192.168.1.2","backup_host_port":8080,"backup_dir":"/hss/backup"}';
      const out = execFileSync('hey', ['-n', String(SYNC_ROWS), '-c', String(CONCURRENCY), '-m', 'PUT', '-T', 'application/json', '-d', body, `${target.url}/v5/bench/wtp/backup-hosts`], { encoding: 'utf8' });
      rounds.hey.push(Number(out.match(/Requests\/sec:\s+([\d.]+)/)?.[1]));
    }
  }
  results.rounds = ROUNDS;
  results.sync = {
    rowsPerSecond: Math.round(median(rounds.ours.map((r) => r.rowsPerSecond))),
    cpuMicrosPerRow: Math.round(median(rounds.ours.map((r) => r.cpuMicrosPerRow))),
    peakRssMb: Math.max(...rounds.ours.map((r) => r.peakRssMb)),
    reported: last.reported,
    exit: last.status,
    each: rounds.ours.map((r) => Math.round(r.rowsPerSecond)),
  };
  results.bareLoop = { rowsPerSecond: Math.round(median(rounds.bare)), each: rounds.bare.map(Math.round) };
  if (rounds.hey.length) results.hey = { requestsPerSecond: Math.round(median(rounds.hey)), each: rounds.hey.map(Math.round) };
} finally {
  target.stop();
}

// 2. Pacing accuracy against a sliding-window limit, configured at exactly the limit.
{
  // 10/s: a raised quota of 600/min, paced at exactly the limit it is allowed.
  const limitPerSecond = 10;
  const seconds = quick ? 6 : 20;
  const arrivals = [];
  const sim = await startSimulator({ limit: { count: limitPerSecond, perMs: 1000 }, fault: () => { arrivals.push(performance.now()); return undefined; } });
  const paced = join(work, 'paced.csv');
  await writeInventory(paced, limitPerSecond * seconds);
  const child = spawn(process.execPath, [CLI, 'sync', paced, '--endpoint', sim.url, '--project-id', 'bench', '--rate', `${limitPerSecond}/s`, '--concurrency', '8', '--no-progress', '--log-level', 'warn'], { env: { ...process.env, HSS_AUTH_TOKEN: 'demo-token' }, stdio: 'ignore' });
  await new Promise((resolve) => child.on('exit', resolve));
  const spanSeconds = (arrivals.at(-1) - arrivals[0]) / 1000;
  results.pacing = { allowedPerSecond: limitPerSecond, achievedPerSecond: Number(((arrivals.length - 1) / spanSeconds).toFixed(2)), ratio: Number(((arrivals.length - 1) / spanSeconds / limitPerSecond).toFixed(3)), throttled: sim.stats.throttled, requests: arrivals.length };
  await sim.close();
}

// 3. A million rows: the dry run, and a sync against the fast target.
{
  const million = join(work, `rows-${MILLION}.csv`);
  await writeInventory(million, MILLION);
  const dryReport = join(work, 'dry-report.csv');
  const dry = timed(process.execPath, [CLI, 'sync', million, '--dry-run', '--report', dryReport, '--no-progress']);
  results.dryRun = { rows: MILLION, wallSeconds: dry.wallSeconds, peakRssMb: dry.peakRssMb, reported: reportRows(dryReport) };

  const fast = await startFastTarget(work);
  try {
    const syncReport = join(work, 'million-report.csv');
    const sync = timed(process.execPath, [CLI, 'sync', million, '--endpoint', fast.url, '--project-id', 'bench', '--rate', '1000000/s', '--concurrency', String(CONCURRENCY), '--max-attempts', '1', '--report', syncReport, '--no-progress', '--log-level', 'warn'], { HSS_AUTH_TOKEN: 'bench-token' });
    results.millionSync = { rows: MILLION, wallSeconds: sync.wallSeconds, peakRssMb: sync.peakRssMb, reported: reportRows(syncReport), rowsPerSecond: Math.round(MILLION / sync.wallSeconds) };
  } finally {
    fast.stop();
  }
}

console.log(`target: ${results.target}; ${SYNC_ROWS} rows, concurrency ${CONCURRENCY}; medians of ${results.rounds} interleaved rounds\n`);
row('hss-backup-sync sync, end to end (process)', `${results.sync.rowsPerSecond} rows/s, ${results.sync.cpuMicrosPerRow} µs CPU/row, ${results.sync.peakRssMb} MB peak, ${results.sync.reported} rows reported`);
row('bare undici + p-limit loop', `${results.bareLoop.rowsPerSecond} req/s  (ours = ${(results.sync.rowsPerSecond / results.bareLoop.rowsPerSecond).toFixed(2)}x)`);
if (results.hey) row('hey', `${results.hey.requestsPerSecond} req/s  (ours = ${(results.sync.rowsPerSecond / results.hey.requestsPerSecond).toFixed(2)}x)`);
else row('hey', 'not installed (apt-get install hey)');
row('each round (ours / bare / hey)', `${results.sync.each.join(', ')} / ${results.bareLoop.each.join(', ')} / ${results.hey?.each.join(', ') ?? '-'}`);
row(`pacing at ${results.pacing.allowedPerSecond}/s vs a ${results.pacing.allowedPerSecond}/s sliding window`, `achieved/allowed ${results.pacing.ratio}, 429s ${results.pacing.throttled}`);
row(`${MILLION}-row dry run`, `${results.dryRun.wallSeconds}s, ${results.dryRun.peakRssMb} MB peak, ${results.dryRun.reported} rows reported`);
row(`${MILLION}-row sync against the fast target`, `${results.millionSync.wallSeconds}s (${results.millionSync.rowsPerSecond} rows/s), ${results.millionSync.peakRssMb} MB peak, ${results.millionSync.reported} rows reported`);
writeFileSync(join(root, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log('\nwritten: bench/results.json');
rmSync(work, { recursive: true, force: true });
