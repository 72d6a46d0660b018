import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCliCaptured } from '../helpers/cli.js';
import { writeInventory } from '../helpers/inventory.js';
import { useSimulator } from '../helpers/simulator.js';
import { useTmpDir } from '../helpers/tmp.js';

const tmp = useTmpDir();
const simulator = useSimulator();

const TOKEN = 'MIItoken-super-secret-0123456789';
const AK = 'AKPUBLICID';
const SK = 'sk-super-secret-abcdef987654';
const SECURITY_TOKEN = 'sectoken-super-secret-42';

/** Faults whose bodies echo what they were sent, as a careless gateway might. */
function echoingFaults(secret: string) {
  return ({ index }: { index: number }) => {
    if (index === 0) return { kind: 'respond' as const, status: 500, body: JSON.stringify({ error_code: 'SYS.500', error_msg: `upstream saw X-Auth-Token: ${secret} and failed` }) };
    if (index === 1) return { kind: 'respond' as const, status: 400, body: JSON.stringify({ error_code: 'HSS.0001', error_msg: `bad request from ${secret}` }) };
    if (index === 2) return { kind: 'reset' as const };
    return undefined;
  };
}

async function runAndCollect(args: string[], env: Record<string, string>) {
  const report = tmp.path('r.csv');
  const summaryPath = tmp.path('s.json');
  const run = await runCliCaptured([...args, '--report', report, '--summary-json', summaryPath, '--log-level', 'trace', '--log-format', 'json', '--rate', '500/s', '--retry-delay', '1ms', '--concurrency', '1'], env);
  return { run, everything: [run.stdout, run.stderr, readFileSync(report, 'utf8'), readFileSync(summaryPath, 'utf8')].join('\n') };
}

describe('secrets never reach logs, reports or summaries, at trace level, with faults', () => {
  it('token mode', async () => {
    const sim = await simulator({ credentials: { tokens: [TOKEN] }, fault: echoingFaults(TOKEN) });
    const { run, everything } = await runAndCollect(['sync', writeInventory(tmp.path('h.csv'), 6), '--endpoint', sim.url, '--project-id', 'p'], { HSS_AUTH_TOKEN: TOKEN });
    expect(run.code).toBe(1); // the 400 row failed
    expect(everything).toContain('[REDACTED]');
    expect(everything).not.toContain(TOKEN);
  });

  it('AK/SK mode with temporary credentials, including the APIG.0301 canonical-request echo', async () => {
    const sim = await simulator({ credentials: { tokens: [], keys: [{ ak: AK, sk: SK, securityToken: SECURITY_TOKEN }] }, fault: echoingFaults(SK) });
    const env = { CLOUD_SDK_AK: AK, CLOUD_SDK_SK: SK, CLOUD_SDK_SECURITY_TOKEN: SECURITY_TOKEN };
    const ok = await runAndCollect(['sync', writeInventory(tmp.path('h.csv'), 6), '--endpoint', sim.url, '--project-id', 'p'], env);
    expect(sim.hosts.size).toBe(5);
    for (const secret of [SK, SECURITY_TOKEN]) expect(ok.everything).not.toContain(secret);

    // A wrong SK: the gateway echoes its canonical request, which holds the signed x-security-token.
    const bad = await simulator({ credentials: { tokens: [], keys: [{ ak: AK, sk: 'the-right-one-is-elsewhere' }] } });
    const rejected = await runAndCollect(['sync', writeInventory(tmp.path('h2.csv'), 3), '--endpoint', bad.url, '--project-id', 'p'], env);
    expect(rejected.run.code).toBe(3);
    expect(rejected.everything).toContain('server_diagnostic'); // logged at debug: the signing diagnostic
    expect(rejected.everything).toMatch(/canonicalRequest:PUT\|\/v5\/p\/wtp\/backup-hosts\//);
    for (const secret of [SK, SECURITY_TOKEN]) expect(rejected.everything).not.toContain(secret);
    expect(rejected.everything).not.toMatch(/Signature=[0-9a-f]{16}/);
  });

  it('IAM password mode', async () => {
    const sim = await simulator({ credentials: { tokens: [], users: [{ name: 'ops', password: 'iam-password-secret', domain: 'acme' }] }, fault: ({ index }) => (index === 0 ? { kind: 'respond', status: 503, body: '' } : undefined) });
    const { run, everything } = await runAndCollect(['sync', writeInventory(tmp.path('h.csv'), 3), '--endpoint', sim.url, '--iam-endpoint', sim.url, '--project-id', 'p'], {
      HSS_IAM_USER: 'ops', HSS_IAM_PASSWORD: 'iam-password-secret', HSS_IAM_DOMAIN: 'acme',
    });
    expect(run.code).toBe(0);
    expect(everything).not.toContain('iam-password-secret');
    expect(everything).not.toContain('MIIsim'); // issued tokens start so
  });
});
