import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { ReportRow } from '../../src/model.js';
import type { ScriptedFault } from '../../src/simulator/server.js';
import { syncInventory } from '../../src/sync.js';
import { writeInventory } from '../helpers/inventory.js';
import { fastRun, useSimulator } from '../helpers/simulator.js';
import { useTmpDir } from '../helpers/tmp.js';

const tmp = useTmpDir();
const simulator = useSimulator();
const ROWS = 6;

type Expect = { status: ReportRow['status']; attempts?: number; http_status?: number | ''; error_code?: string };
interface Case {
  fault: string;
  script: (call: { index: number }) => ScriptedFault | undefined;
  /** Per row (by position of the call that row's first attempt got), or one for all. */
  expect: (row: ReportRow) => Expect;
  extra?: Record<string, string | number>;
}

const json = (code: string, msg: string) => JSON.stringify({ error_code: code, error_msg: msg });
const all = (e: Expect) => () => e;

const CASES: Case[] = [
  { fault: '5xx burst (first 4 calls 503)', script: ({ index }) => (index < 4 ? { kind: 'respond', status: 503, body: json('APIG.0201', 'busy') } : undefined), expect: all({ status: 'succeeded', http_status: 200 }) },
  { fault: 'reset before the request is read', script: ({ index }) => (index % 2 === 0 && index < 6 ? { kind: 'reset' } : undefined), expect: all({ status: 'succeeded' }) },
  { fault: 'reset after the server applied it', script: ({ index }) => (index < 3 ? { kind: 'reset-after-apply' } : undefined), expect: all({ status: 'succeeded' }) },
  { fault: 'timeout: no headers', script: ({ index }) => (index < 2 ? { kind: 'hang' } : undefined), expect: all({ status: 'succeeded' }), extra: { timeout: '150ms' } },
  { fault: 'timeout: headers then a stalled body', script: ({ index }) => (index < 2 ? { kind: 'stall-body' } : undefined), expect: all({ status: 'succeeded' }), extra: { timeout: '150ms' } },
  { fault: 'timeout on every attempt', script: () => ({ kind: 'hang-after-apply' }), expect: all({ status: 'failed', attempts: 2, error_code: 'TIMEOUT', http_status: '' }), extra: { timeout: '100ms', maxAttempts: 2 } },
  { fault: '429 with Retry-After', script: ({ index }) => (index === 0 ? { kind: 'respond', status: 429, headers: { 'Retry-After': '0' }, body: json('APIG.0308', 'throttled') } : undefined), expect: all({ status: 'succeeded' }) },
  { fault: '429 without Retry-After, empty body', script: ({ index }) => (index < 2 ? { kind: 'respond', status: 429, body: '' } : undefined), expect: all({ status: 'succeeded' }) },
  { fault: 'HTML error page (502), always', script: () => ({ kind: 'respond', status: 502, body: '<html><title>502 Bad Gateway</title></html>' }), expect: all({ status: 'failed', attempts: 2, http_status: 502, error_code: 'HTTP_502' }), extra: { maxAttempts: 2 } },
  { fault: 'empty 500, always', script: () => ({ kind: 'respond', status: 500, body: '' }), expect: all({ status: 'failed', attempts: 2, http_status: 500, error_code: 'HTTP_500' }), extra: { maxAttempts: 2 } },
  { fault: 'a 400 whose body is not JSON', script: () => ({ kind: 'respond', status: 400, body: 'Bad Request: nope' }), expect: all({ status: 'failed', attempts: 1, http_status: 400, error_code: 'HTTP_400' }) },
  { fault: '200 with an unexpected body', script: () => ({ kind: 'respond', status: 200, body: '{"surprise":true}' }), expect: all({ status: 'succeeded', attempts: 1, http_status: 200 }) },
  { fault: '302 redirect (never followed)', script: () => ({ kind: 'respond', status: 302, headers: { Location: 'https://elsewhere.invalid/' } }), expect: all({ status: 'failed', attempts: 1, http_status: 302, error_code: 'HTTP_302' }) },
  { fault: 'server closes every keep-alive connection', script: () => ({ kind: 'close-after-apply' }), expect: all({ status: 'succeeded', attempts: 1 }) },
];

describe('fault matrix: every row reported once, with the right outcome', () => {
  it.each(CASES)('$fault', async ({ script, expect: expected, extra }) => {
    const sim = await simulator({ fault: script });
    const rows: ReportRow[] = [];
    await syncInventory({ ...fastRun(sim.url), concurrency: 2, ...extra, inventory: writeInventory(tmp.path('h.csv'), ROWS) }, { onRow: (row) => rows.push(row) });
    expect(rows.map((row) => row.line).sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7]); // lost: 0
    for (const row of rows) expect(row).toMatchObject(expected(row));
    // Truth: every row called succeeded is stored with exactly its values.
    for (const row of rows.filter((r) => r.status === 'succeeded' && r.http_status === 200)) {
      if (sim.hosts.size) expect(sim.hosts.get(row.host_id)?.backup_dir).toBe(row.backup_dir);
    }
  });

  it('connection refused: retried, then failed with ECONNREFUSED', async () => {
    const port = await freePort();
    const rows: ReportRow[] = [];
    await syncInventory({ ...fastRun(`http://127.0.0.1:${port}`), maxAttempts: 3, inventory: writeInventory(tmp.path('h.csv'), 3) }, { onRow: (row) => rows.push(row) });
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row).toMatchObject({ status: 'failed', attempts: 3, error_code: 'ECONNREFUSED' });
  });

  it('DNS failure: not retried, failed with ENOTFOUND', async () => {
    const rows: ReportRow[] = [];
    await syncInventory({ ...fastRun('https://hss.cn-north-4.invalid'), inventory: writeInventory(tmp.path('h.csv'), 2) }, { onRow: (row) => rows.push(row) });
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row).toMatchObject({ status: 'failed', attempts: 1, error_code: 'ENOTFOUND' });
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
