import { writeFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { syncInventory } from '../../src/sync.js';
import { runCliCaptured } from '../helpers/cli.js';
import { writeInventory } from '../helpers/inventory.js';
import { useProxy } from '../helpers/proxy.js';
import { fastRun, useSimulator } from '../helpers/simulator.js';
import { makeSelfSignedCert } from '../helpers/tls.js';
import { useTmpDir } from '../helpers/tmp.js';

const tmp = useTmpDir();
const simulator = useSimulator();
const proxy = useProxy();

describe('token sources', () => {
  it('re-reads --token-file once on a 401, so a rotated Kubernetes Secret is picked up', async () => {
    const tokenFile = tmp.write('token', 'old-token\n');
    const sim = await simulator({
      credentials: { tokens: ['new-token'] },
      // The Secret is rotated while the run is going: the first call still carries the old token.
      fault: ({ index }) => {
        if (index === 0) writeFileSync(tokenFile, 'new-token\n');
        return undefined;
      },
    });
    const { credentials: _c, ...run } = fastRun(sim.url);
    const summary = await syncInventory({ ...run, credentials: { tokenFile }, concurrency: 1, inventory: writeInventory(tmp.path('h.csv'), 5) });
    expect(summary.counts.succeeded).toBe(5);
    expect(summary.exit_code).toBe(0);
    expect(sim.stats.authRejected).toBe(1);
  });

  it('logs in with an IAM password, refreshes before expiry, and never fails for an expired token', async () => {
    const sim = await simulator({ credentials: { tokens: [], users: [{ name: 'ops', password: 'pa55-word!', domain: 'acme' }], tokenTtlMs: 300 } });
    const { credentials: _c, ...run } = fastRun(sim.url);
    const summary = await syncInventory({
      ...run,
      rate: '40/s',
      concurrency: 2,
      iamEndpoint: sim.url,
      credentials: { iamUser: 'ops', iamPassword: 'pa55-word!', iamDomain: 'acme' },
      inventory: writeInventory(tmp.path('h.csv'), 30),
    });
    expect(summary.counts.succeeded).toBe(30);
    expect(sim.stats.iamLogins).toBeGreaterThanOrEqual(2);
    expect(sim.stats.authRejected).toBe(0);
  });

  it('a rejected IAM login stops the run before any PUT, exit 3', async () => {
    const sim = await simulator({ credentials: { tokens: [], users: [{ name: 'ops', password: 'right', domain: 'acme' }] } });
    const run = await runCliCaptured(['sync', writeInventory(tmp.path('h.csv'), 3), '--endpoint', sim.url, '--iam-endpoint', sim.url, '--project-id', 'p'], {
      HSS_IAM_USER: 'ops', HSS_IAM_PASSWORD: 'wrong-password', HSS_IAM_DOMAIN: 'acme',
    });
    expect(run.code).toBe(3);
    expect(sim.stats.puts).toBe(0);
    expect(run.stderr).toContain('IAM rejected the login for user ops');
    expect(run.stderr).not.toContain('wrong-password');
  });
});

describe('transport', () => {
  it('trusts a private CA with --ca-file, and aborts on an untrusted certificate instead of failing every row', async () => {
    const { key, cert, certPath } = makeSelfSignedCert(tmp.path('.'));
    let puts = 0;
    const server = createServer({ key, cert }, (req, res) => {
      req.resume();
      req.on('end', () => {
        puts++;
        res.writeHead(200, { 'X-Request-Id': 'tls-ok', 'Content-Length': '0' }).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const endpoint = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const inventory = writeInventory(tmp.path('h.csv'), 4);
      const trusted = await syncInventory({ ...fastRun(endpoint), caFile: certPath, inventory });
      expect(trusted.counts.succeeded).toBe(4);
      const untrusted = await syncInventory({ ...fastRun(endpoint), concurrency: 1, inventory });
      expect(untrusted.exit_code).toBe(3);
      expect(untrusted.stop.reason).toMatch(/TLS: .*--ca-file/);
      expect(untrusted.counts).toMatchObject({ failed: 1, skipped: 3 });
      expect(puts).toBe(4);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('goes through HTTPS_PROXY/HTTP_PROXY, even to a name only the proxy can resolve, and honours NO_PROXY', async () => {
    const sim = await simulator();
    const through = await proxy();
    const port = new URL(sim.url).port;
    const inventory = writeInventory(tmp.path('h.csv'), 3);
    const viaProxy = await runCliCaptured(['sync', inventory, '--endpoint', `http://hss-backup.invalid:${port}`, '--allow-insecure-http', '--project-id', 'p', '--rate', '500/s'], {
      HSS_AUTH_TOKEN: 'demo-token', HTTP_PROXY: through.url, HTTPS_PROXY: through.url,
    });
    expect(viaProxy.code).toBe(0);
    expect(through.tunnels).toContain(`hss-backup.invalid:${port}`);
    expect(sim.stats.puts).toBe(3);
    const tunnelsBefore = through.tunnels.length;

    const bypass = await runCliCaptured(['sync', inventory, '--endpoint', sim.url, '--project-id', 'p', '--rate', '500/s'], {
      HSS_AUTH_TOKEN: 'demo-token', HTTP_PROXY: through.url, NO_PROXY: '127.0.0.1',
    });
    expect(bypass.code).toBe(0);
    expect(through.tunnels).toHaveLength(tunnelsBefore);
    expect(sim.stats.puts).toBe(6);
  });

  it('never follows a redirect: the row fails with the 3xx and nothing goes to the other host', async () => {
    const other = await simulator();
    const sim = await simulator({ fault: () => ({ kind: 'respond', status: 307, headers: { Location: `${other.url}/v5/p/wtp/backup-hosts` } }) });
    const rows: { status: string; http_status: number | ''; error_msg: string; attempts: number }[] = [];
    await syncInventory({ ...fastRun(sim.url), inventory: writeInventory(tmp.path('h.csv'), 2) }, { onRow: (row) => rows.push(row) });
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row).toMatchObject({ status: 'failed', http_status: 307, attempts: 1, error_msg: `redirect to ${other.url}/v5/p/wtp/backup-hosts not followed` });
    expect(other.stats.requests).toBe(0);
  });

  it('fails a row with a DNS error for a name that does not resolve', async () => {
    const rows: { status: string; error_code: string }[] = [];
    await syncInventory({ ...fastRun('https://hss.no-such-region.invalid'), inventory: writeInventory(tmp.path('h.csv'), 1) }, { onRow: (row) => rows.push(row) });
    expect(rows[0]).toMatchObject({ status: 'failed', error_code: 'ENOTFOUND' });
  });
});
