import { writeFileSync } from 'node:fs';
import { UsageError } from '../errors.js';
import { parseArgs } from './parse.js';
import { reportError } from './report-error.js';
import { createLogger } from '../log.js';
import type { Credentials, SyncOptions } from '../options.js';
import { formatPlan, planView } from '../plan/plan-text.js';
import { ProgressReporter } from '../report/progress.js';
import type { RunSummary } from '../report/summary.js';
import { formatSummary } from '../report/summary-text.js';
import type { ReportWriter } from '../report/writer.js';
import type { RunHooks } from '../run-hooks.js';
import { planInventory, syncInventory } from '../sync.js';
import { parseRate } from '../units.js';
import { proxyFromEnv } from '../hss/transport.js';
import { runSimulatorCommand } from './simulate.js';

export interface CliIo {
  env: NodeJS.ProcessEnv;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  stdin?: AsyncIterable<Buffer>;
  /** Aborted by the first SIGINT/SIGTERM, with reason `{signal}`. */
  signal?: AbortSignal;
  onReportOpen?: (writer: ReportWriter) => void;
  version: string;
}

/** Parses, runs and maps the outcome to DESIGN.md's exit codes. Never throws. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const secrets: string[] = [];
  const credentials = credentialsFrom(io.env, secrets);
  let logLevel = 'info';
  try {
    const parsed = await parseArgs(argv, io);
    if (parsed.kind === 'exit') return parsed.code;
    const args = parsed.args;
    logLevel = String(args['logLevel'] ?? 'info');
    let progress: ProgressReporter | undefined;
    const logger = createLogger({
      level: logLevel,
      format: args['logFormat'] === 'json' ? 'json' : 'pretty',
      secrets: () => secrets,
      // A log line must not land in the middle of the redrawn progress line.
      write: (text) => {
        progress?.clearLine();
        io.stderr.write(text);
      },
    });
    const command = String(args._[0]);
    if (command === 'simulate') return await runSimulatorCommand(args, io, credentials, logger);

    const options = syncOptionsFrom(args, credentials, io.env);
    const progressOn = args['progress'] !== false && command === 'sync' && logLevel !== 'silent';
    progress = new ProgressReporter({
      mode: !progressOn ? 'off' : args['logFormat'] === 'json' ? 'json' : io.stderr.isTTY ? 'tty' : 'lines',
      write: (text) => io.stderr.write(text),
      logger,
    });
    const hooks: RunHooks = {
      logger,
      onProgress: (snapshot) => progress.update(snapshot),
      onStart: (info) => progress.start(info.total),
      ...(io.stdin ? { stdin: io.stdin } : {}),
      ...(io.signal ? { signal: io.signal } : {}),
      ...(io.onReportOpen ? { onReportOpen: io.onReportOpen } : {}),
    };
    let summary: RunSummary;
    let exitCode: number;
    if (command === 'plan') {
      const result = await planInventory(options, hooks);
      const view = planView(result, parseRate(options.rate ?? '5/min', '--rate'));
      io.stdout.write(args['output'] === 'json' ? `${JSON.stringify(view, null, 2)}\n` : formatPlan(view));
      summary = result;
      const pending = view.creates + view.updates > 0;
      exitCode = result.exit_code >= 2 ? result.exit_code : args['detailedExitcode'] ? (result.exit_code === 1 ? 1 : pending ? 2 : 0) : result.exit_code;
    } else {
      summary = await syncInventory(options, hooks);
      exitCode = summary.exit_code;
    }
    progress.finish();
    if (logLevel !== 'silent') io.stderr.write(formatSummary(summary));
    writeSummaryJson(args['summaryJson'], summary, io);
    return exitCode;
  } catch (error) {
    return reportError(error, io, logLevel, secrets);
  }
}

function credentialsFrom(env: NodeJS.ProcessEnv, secrets: string[]): Credentials {
  const credentials: Credentials = {
    token: env['HSS_AUTH_TOKEN'] || undefined,
    tokenFile: env['HSS_TOKEN_FILE'] || undefined,
    ak: env['CLOUD_SDK_AK'] || undefined,
    sk: env['CLOUD_SDK_SK'] || undefined,
    securityToken: env['CLOUD_SDK_SECURITY_TOKEN'] || undefined,
    iamUser: env['HSS_IAM_USER'] || undefined,
    iamPassword: env['HSS_IAM_PASSWORD'] || undefined,
    iamDomain: env['HSS_IAM_DOMAIN'] || undefined,
  };
  for (const secret of [credentials.token, credentials.sk, credentials.securityToken, credentials.iamPassword]) if (secret) secrets.push(secret);
  return credentials;
}

function syncOptionsFrom(args: Record<string, unknown>, credentials: Credentials, env: NodeJS.ProcessEnv): SyncOptions {
  const text = (key: string): string | undefined => (args[key] === undefined ? undefined : String(args[key]));
  const flag = (key: string): boolean | undefined => (args[key] === undefined ? undefined : Boolean(args[key]));
  const number = (key: string): number | undefined => (args[key] === undefined ? undefined : (args[key] as number));
  let shard = text('shard');
  const shards = number('shards');
  if (shards !== undefined) {
    if (shard !== undefined) throw new UsageError('--shard and --shards do not combine');
    const index = env['JOB_COMPLETION_INDEX'];
    if (index === undefined || !/^\d+$/.test(index)) {
      throw new UsageError('--shards needs JOB_COMPLETION_INDEX (0-based, set by a Kubernetes Indexed Job); or give --shard k/n');
    }
    if (!Number.isInteger(shards) || shards < 1) throw new UsageError(`--shards must be a whole number of at least 1, got ${shards}`);
    shard = `${Number(index) + 1}/${shards}`;
  }
  const tokenFile = text('tokenFile');
  return {
    inventory: String(args['inventory']),
    format: text('format') as SyncOptions['format'],
    delimiter: text('delimiter'),
    map: args['map'] as string[] | undefined,
    defaults: args['default'] as string[] | undefined,
    onConflict: text('onConflict') as SyncOptions['onConflict'],
    endpoint: text('endpoint'),
    region: text('region'),
    projectId: text('projectId'),
    enterpriseProjectId: text('enterpriseProjectId'),
    iamEndpoint: text('iamEndpoint'),
    credentials: tokenFile ? { ...credentials, tokenFile } : credentials,
    rate: text('rate'),
    burst: number('burst'),
    concurrency: number('concurrency'),
    maxAttempts: number('maxAttempts'),
    timeout: text('timeout'),
    maxRetryAfter: text('maxRetryAfter'),
    retryDelay: text('retryDelay'),
    retryMaxDelay: text('retryMaxDelay'),
    maxFailures: text('maxFailures'),
    grace: text('grace'),
    caFile: text('caFile'),
    proxy: proxyFromEnv(env),
    allowInsecureHttp: flag('allowInsecureHttp'),
    report: text('report'),
    dryRun: flag('dryRun'),
    resume: text('resume'),
    changedOnly: flag('changedOnly'),
    shard,
    simulate: flag('simulate'),
    simulateLimit: text('simulateLimit'),
  };
}

function writeSummaryJson(target: unknown, summary: RunSummary, io: CliIo): void {
  if (target === undefined) return;
  const { plan: _plan, live: _live, table: _table, ...plain } = summary as RunSummary & { plan?: unknown; live?: unknown; table?: unknown };
  const json = `${JSON.stringify(plain, null, 2)}\n`;
  if (target === '-') io.stdout.write(json);
  else writeFileSync(String(target), json);
}
