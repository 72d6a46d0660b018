import type { Logger } from 'pino';
import type { Credentials } from '../options.js';
import { DEMO_AK, DEMO_SK, DEMO_TOKEN, startSimulator } from '../simulator/server.js';
import { parseDuration, parseRate } from '../units.js';
import { UsageError } from '../errors.js';
import type { CliIo } from './app.js';

/**
 * `simulate`: a loopback HSS API until SIGINT/SIGTERM. It accepts the demo credentials, and the
 * caller's own HSS_AUTH_TOKEN / CLOUD_SDK_AK+SK when set (those are never printed).
 */
export async function runSimulatorCommand(args: Record<string, unknown>, io: CliIo, credentials: Credentials, logger: Logger): Promise<number> {
  const failRate = args['failRate'] === undefined ? 0 : Number(args['failRate']);
  if (!(failRate >= 0 && failRate <= 1)) throw new UsageError(`--fail-rate must be a fraction 0-1, got ${String(args['failRate'])}`);
  const tokens = [DEMO_TOKEN, ...(credentials.token ? [credentials.token] : [])];
  const keys = [{ ak: DEMO_AK, sk: DEMO_SK }, ...(credentials.ak && credentials.sk ? [{ ak: credentials.ak, sk: credentials.sk, ...(credentials.securityToken ? { securityToken: credentials.securityToken } : {}) }] : [])];
  const users = credentials.iamUser && credentials.iamPassword ? [{ name: credentials.iamUser, password: credentials.iamPassword, domain: credentials.iamDomain ?? credentials.iamUser }] : [];
  const simulator = await startSimulator({
    port: args['port'] === undefined ? 8780 : Number(args['port']),
    limit: parseRate(String(args['limit'] ?? '5/min'), '--limit'),
    failRate,
    latencyMs: args['latency'] === undefined ? 0 : parseDuration(String(args['latency']), '--latency'),
    credentials: { tokens, keys, users, tokenTtlMs: args['tokenTtl'] === undefined ? 24 * 3_600_000 : parseDuration(String(args['tokenTtl']), '--token-ttl') },
  });
  io.stdout.write(
    [
      `HSS simulator listening on ${simulator.url}`,
      `  try: HSS_AUTH_TOKEN=${DEMO_TOKEN} hss-backup-sync sync sample-hosts.csv --endpoint ${simulator.url} --project-id demo --rate 10/s`,
      `  demo AK/SK (simulator only): CLOUD_SDK_AK=${DEMO_AK} CLOUD_SDK_SK=${DEMO_SK}`,
      `  IAM tokens: POST ${simulator.url}/v3/auth/tokens${users.length ? '' : ' (set HSS_IAM_USER/HSS_IAM_PASSWORD to enable a login)'}`,
      '',
    ].join('\n'),
  );
  logger.info({ limit: String(args['limit'] ?? '5/min') }, 'simulator running; Ctrl-C to stop');
  await new Promise<void>((resolve) => {
    if (!io.signal) return;
    if (io.signal.aborted) resolve();
    io.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await simulator.close();
  logger.info(simulator.stats, 'simulator stopped');
  return 0;
}
