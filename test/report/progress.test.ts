import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { describeProgress, estimateRemainingMs, ProgressReporter } from '../../src/report/progress.js';
import type { ProgressSnapshot } from '../../src/run-hooks.js';
import { CLI } from '../helpers/child.js';
import { writeInventory } from '../helpers/inventory.js';
import { useTmpDir } from '../helpers/tmp.js';

const tmp = useTmpDir();
const snapshot = (done: number, total: number, extra: Partial<ProgressSnapshot> = {}): ProgressSnapshot => ({
  done, total, succeeded: done, failed: 0, throttled: 0, ratePerMinute: 5, elapsedMs: done * 12_000, ...extra,
});

describe('progress', () => {
  it('on a pipe prints a plain line at each 10% of the rows', () => {
    const lines: string[] = [];
    const progress = new ProgressReporter({ mode: 'lines', write: (text) => lines.push(text), now: () => 0 });
    progress.start(200);
    for (let done = 1; done <= 200; done++) progress.update(snapshot(done, 200));
    progress.finish();
    expect(lines).toHaveLength(10);
    expect(lines[0]).toBe('progress 20/200 (10%) ok 20 failed 0 | 5/min | 429s 0 | ETA 36 min\n');
    expect(lines.every((line) => !line.includes('\r'))).toBe(true);
  });

  it('on a pipe also prints at least every minute while rows trickle in', () => {
    const lines: string[] = [];
    let now = 0;
    const progress = new ProgressReporter({ mode: 'lines', write: (text) => lines.push(text), now: () => now });
    progress.start(1000);
    for (let done = 1; done <= 20; done++) {
      now += 12_000; // 5/min
      progress.update(snapshot(done, 1000));
    }
    progress.finish();
    expect(lines.length).toBeGreaterThanOrEqual(3); // 240 s of a slow run, well under 10%
  });

  it('on a terminal redraws one line in place', () => {
    const output: string[] = [];
    let now = 0;
    const progress = new ProgressReporter({ mode: 'tty', write: (text) => output.push(text), now: () => now });
    progress.start(3);
    for (let done = 1; done <= 3; done++) {
      now += 500;
      progress.update(snapshot(done, 3, { throttled: 1 }));
    }
    progress.finish();
    expect(output.slice(0, 3).every((text) => text.startsWith('\r\x1b[K'))).toBe(true);
    expect(output.at(-1)).toBe('\n');
    expect(output[2]).toContain('3/3 (100%) ok 3 failed 0 | 5/min | 429s 1 | ETA 0ms');
  });

  it('estimates the time left from the pace', () => {
    expect(estimateRemainingMs(snapshot(0, 10))).toBeUndefined();
    expect(estimateRemainingMs(snapshot(5, 10))).toBe(60_000);
    expect(describeProgress(snapshot(5, 10))).toContain('ETA 1 min');
  });

  it('the CLI redraws on a pseudo-terminal (script(1)) and prints lines on a pipe', () => {
    const inventory = writeInventory(tmp.path('h.csv'), 30);
    const args = ['sync', inventory, '--simulate', '--simulate-limit', '6000/min', '--rate', '100/s'];
    const onTty = execFileSync('script', ['-q', '-c', [process.execPath, CLI, ...args].map((a) => `'${a}'`).join(' '), '/dev/null'], { encoding: 'utf8' });
    expect(onTty).toContain('\r\x1b[K');
    expect(onTty).toMatch(/30\/30 \(100%\)/);
    const onPipe = execFileSync(process.execPath, [CLI, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(onPipe).toBe(''); // stdout stays clean: progress and summary go to stderr
  });
});

describe('progress as log records', () => {
  it('--log-format json puts progress into pino records, not free text', async () => {
    const { runCliCaptured } = await import('../helpers/cli.js');
    const inventory = writeInventory(tmp.path('h.csv'), 20);
    const run = await runCliCaptured(['sync', inventory, '--simulate', '--simulate-limit', '6000/min', '--rate', '200/s', '--log-format', 'json'], {});
    const records = run.stderr.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line));
    const progress = records.filter((record) => record.msg === 'progress');
    expect(progress.length).toBeGreaterThanOrEqual(10);
    expect(progress.at(-1).progress).toMatchObject({ done: 20, total: 20, succeeded: 20 });
  });
});
