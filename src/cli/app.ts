import { writeFileSync } from 'node:fs';
import yargs, { type Argv } from 'yargs';
import { isSyncError, UsageError } from '../errors.js';
import { createLogger } from '../log.js';
import type { Credentials, SyncOptions } from '../options.js';
import { formatPlan, planView } from '../plan/plan-text.js';
import { ProgressReporter } from '../report/progress.js';
import type { RunSummary } from '../report/summary.js';
import { formatSummary, stripControl } from '../report/summary-text.js';
import type { ReportWriter } from '../report/writer.js';
import { planInventory, syncInventory, type RunHooks } from '../sync.js';
import { parseRate } from '../units.js';
import { proxyFromEnv } from '../hss/transport.js';
import { ALL_FLAGS, PLAN_FLAGS, SHARED_FLAGS, SIMULATE_FLAGS, suggestFlag, SYNC_FLAGS } from './options.js';
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

const COMMANDS = ['sync', 'plan', 'simulate'] as const;

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
    const logger = createLogger({
      level: logLevel,
      format: args['logFormat'] === 'json' ? 'json' : 'pretty',
      secrets: () => secrets,
      write: (text) => io.stderr.write(text),
    });
    const command = String(args._[0]);
    if (command === 'simulate') return await runSimulatorCommand(args, io, credentials, logger);

    const options = syncOptionsFrom(args, credentials, io.env);
    const progressOn = args['progress'] !== false && command === 'sync' && logLevel !== 'silent';
    const progress = new ProgressReporter({
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

type Parsed = { kind: 'run'; args: Record<string, unknown> & { _: (string | number)[] } } | { kind: 'exit'; code: number };

async function parseArgs(rawArgv: string[], io: CliIo): Promise<Parsed> {
  // yargs takes a lone `-` for a positional; `--summary-json -` means stdout.
  const argv = rawArgv.flatMap((arg, i) => (arg === '-' && rawArgv[i - 1]?.startsWith('--') && !rawArgv[i - 1]!.includes('=') ? [] : rawArgv[i + 1] === '-' && arg.startsWith('--') && !arg.includes('=') ? [`${arg}=-`] : [arg]));
  const command = argv.find((arg) => !arg.startsWith('-'));
  const flagsOf = (name: string | undefined) =>
    name === 'simulate' ? SIMULATE_FLAGS : name === 'plan' ? { ...SHARED_FLAGS, ...PLAN_FLAGS } : { ...SHARED_FLAGS, ...SYNC_FLAGS };
  const known = Object.keys(flagsOf(command));
  const parser = buildParser(io).config(envConfig(io.env, flagsOf(command)));
  let failure: string | undefined;
  parser.fail((message, error) => {
    failure = message ?? error?.message ?? 'invalid arguments';
  });
  const { args, output } = await new Promise<{ args: Record<string, unknown>; output: string }>((resolve) => {
    void parser.parse(argv, {}, (_error, parsedArgs, text) => resolve({ args: parsedArgs as Record<string, unknown>, output: text }));
  });
  if (failure) throw new UsageError(explainFailure(failure, known));
  if (output) {
    io.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
    return { kind: 'exit', code: 0 };
  }
  return { kind: 'run', args: args as Parsed extends { args: infer A } ? A : never };
}

function buildParser(io: CliIo): Argv {
  const examples = {
    sync: [
      ['$0 sync hosts.csv --region cn-north-4 --project-id $PROJECT --report hosts.report.csv', 'Upsert every row at the default 5/min, with a report'],
      ['$0 sync cmdb.csv --map host_id=sys_id --changed-only --report nightly.csv', 'Nightly: send only rows that differ from the cloud'],
      ['$0 sync hosts.csv --resume hosts.report.csv.partial --report hosts.report.csv', 'Continue an interrupted run; succeeded rows are not sent again'],
      ['$0 sync sample-hosts.csv --simulate --simulate-limit 600/min --rate 10/s', 'Try it against the built-in simulator'],
    ],
    plan: [
      ['$0 plan cmdb.csv --region cn-north-4 --project-id $PROJECT', 'Show what would change, field by field'],
      ['$0 plan cmdb.csv --detailed-exitcode --output json --region cn-north-4 --project-id $PROJECT', 'For scripts: exit 2 when changes are pending'],
    ],
    simulate: [
      ['$0 simulate --port 8780 --limit 5/min', 'A loopback HSS API with the real default limit'],
      ['$0 simulate --limit 600/min --fail-rate 0.1 --latency 50ms', 'A faster, flaky API for trying retries'],
    ],
  };
  const withFlags = (y: Argv, flags: Record<string, object>, command: keyof typeof examples): Argv => {
    let result = y;
    for (const [name, spec] of Object.entries(flags)) result = result.option(name, spec);
    for (const [example, description] of examples[command]) result = result.example(example!, description!);
    return result;
  };
  return yargs()
    .scriptName('hss-backup-sync')
    .usage('$0 <command> [options]\n\nUpsert an inventory of remote backup servers into Huawei Cloud HSS Web Tamper Protection.')
    .command('sync <inventory>', 'Upsert every row that needs it; write the report', (y) =>
      withFlags(y.positional('inventory', { describe: 'A .csv, .json, .ndjson or .jsonl file, or - for stdin', type: 'string' }), { ...SHARED_FLAGS, ...SYNC_FLAGS }, 'sync'),
    )
    .command('plan <inventory>', 'Read, validate, dedupe and compare with the cloud; send no PUT', (y) =>
      withFlags(y.positional('inventory', { describe: 'A .csv, .json, .ndjson or .jsonl file, or - for stdin', type: 'string' }), { ...SHARED_FLAGS, ...PLAN_FLAGS }, 'plan'),
    )
    .command('simulate', 'Run the HSS simulator on loopback (for demos and tests)', (y) => withFlags(y, SIMULATE_FLAGS, 'simulate'))
    .demandCommand(1, `a command is needed: ${COMMANDS.join(', ')}`)
    .recommendCommands()
    .strict()
    .strictCommands()
    .parserConfiguration({ 'duplicate-arguments-array': false, 'strip-aliased': true })
    .group(['help', 'version'], 'General:')
    .version(io.version)
    .help()
    .wrap(Math.min(120, 100))
    .epilogue('Exit codes: 0 all done, 1 some rows not done (see the report), 2 usage or input error (nothing sent), 3 aborted, 130/143 interrupted. Docs: README.md');
}

/** Every flag also from the environment: HSS_RATE=10/min is --rate 10/min. Flags win. */
function envConfig(env: NodeJS.ProcessEnv, flags: Record<string, { type?: string | undefined; array?: boolean | undefined }>): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(flags)) {
    const value = env[`HSS_${name.toUpperCase().replace(/-/g, '_')}`];
    if (value === undefined || value === '') continue;
    if (spec.array) config[name] = value.split(',');
    else if (spec.type === 'number') config[name] = Number(value);
    else if (spec.type === 'boolean') config[name] = /^(1|true|yes)$/i.test(value);
    else config[name] = value;
  }
  return config;
}

function explainFailure(message: string, known: string[]): string {
  const unknownCommand = /^Unknown commands?: ([^,\s]+)/.exec(message);
  if (unknownCommand) {
    const meant = suggestFlag(unknownCommand[1]!, [...COMMANDS]);
    return `Unknown command ${unknownCommand[1]}.${meant ? ` Did you mean ${meant}?` : ''} Commands: ${COMMANDS.join(', ')}`;
  }
  const unknown = /^Unknown arguments?: (.+)$/.exec(message);
  if (unknown) {
    const first = unknown[1]!.split(', ')[0]!;
    const flag = first.length === 1 ? `-${first}` : `--${first}`;
    const kebab = first.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    const meant = suggestFlag(kebab, known);
    return `Unknown option ${flag}.${meant ? ` Did you mean --${meant}?` : ' See --help.'}`;
  }
  const invalid = /^Invalid values:\s*Argument: ([\w-]+), Given: (.+), Choices: (.+)$/s.exec(message.replace(/\n\s*/g, ' '));
  if (invalid) return `--${invalid[1]} must be one of ${invalid[3]!.trim()}, got ${invalid[2]!.trim()}`;
  return message.replace(/\s+/g, ' ').trim();
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

function reportError(error: unknown, io: CliIo, logLevel: string, secrets: string[]): number {
  const scrub = (text: string): string => {
    let out = text;
    for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join('[REDACTED]');
    return stripControl(out);
  };
  if (isSyncError(error)) {
    io.stderr.write(`error: ${scrub(error.message)}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`error: unexpected failure: ${scrub(message.split('\n')[0] ?? message)}\n`);
  if (logLevel === 'debug' || logLevel === 'trace') io.stderr.write(`${scrub(error instanceof Error ? (error.stack ?? message) : message)}\n`);
  else io.stderr.write('hint: rerun with --log-level debug for details\n');
  return 1;
}

export { ALL_FLAGS };
