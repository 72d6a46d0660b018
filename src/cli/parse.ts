import yargs, { type Argv } from 'yargs';
import { UsageError } from '../errors.js';
import type { CliIo } from './app.js';
import { ALL_FLAGS, PLAN_FLAGS, SHARED_FLAGS, SIMULATE_FLAGS, suggestFlag, SYNC_FLAGS } from './options.js';

export const COMMANDS = ['sync', 'plan', 'simulate'] as const;

export type Parsed = { kind: 'run'; args: Record<string, unknown> & { _: (string | number)[] } } | { kind: 'exit'; code: number };

/** Parses argv with the environment as defaults; usage errors throw UsageError naming the flag. */
export async function parseArgs(rawArgv: string[], io: CliIo): Promise<Parsed> {
  const argv = joinDashValues(rawArgv);
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
  return { kind: 'run', args: lastValueWins(args) as Parsed extends { args: infer A } ? A : never };
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
    .parserConfiguration({ 'strip-aliased': true })
    .group(['help', 'version'], 'General:')
    .version(io.version)
    .help()
    .wrap(Math.min(120, 100))
    .epilogue('Exit codes: 0 all done, 1 some rows not done (see the report), 2 usage or input error (nothing sent), 3 aborted, 130/143 interrupted. Docs: README.md');
}

/** Stands in for `-` while yargs parses: it turns a lone `-` positional into an empty string. */
const STDIN_TOKEN = '\u0000stdin';

/**
 * A lone `-` after a flag that takes text (`--summary-json -`) is that flag's value; anywhere
 * else it is the inventory on stdin. yargs gets neither right by itself.
 */
function joinDashValues(argv: string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const flag = ALL_FLAGS[arg.slice(2)];
    if (arg.startsWith('--') && flag?.type === 'string' && argv[i + 1] === '-') {
      joined.push(`${arg}=-`);
      i++;
    } else joined.push(arg === '-' ? STDIN_TOKEN : arg);
  }
  return joined;
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


/** A repeated flag that takes one value keeps the last (`--rate 1/s --rate 2/s` is 2/s); --map and --default collect. */
function lastValueWins(args: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(args)) {
    const flag = ALL_FLAGS[key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)];
    const single = Array.isArray(value) && key !== '_' && !flag?.array ? value.at(-1) : value;
    result[key] = single === STDIN_TOKEN ? '-' : single;
  }
  return result;
}
