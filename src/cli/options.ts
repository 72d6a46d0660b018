import type { Options } from 'yargs';

/** Every flag, grouped as `--help` shows them. Defaults live in src/options.ts; these only describe. */
export const GROUPS = {
  connection: 'Connection:',
  auth: 'Authentication (secrets from the environment or files only):',
  pacing: 'Pacing and retries:',
  inventory: 'Inventory:',
  output: 'Output:',
  run: 'Run control:',
  plan: 'Plan:',
} as const;

type Flag = Options & { group: string };

export const SHARED_FLAGS: Record<string, Flag> = {
  endpoint: { group: GROUPS.connection, type: 'string', describe: 'HSS endpoint URL (overrides --region)' },
  region: { group: GROUPS.connection, type: 'string', describe: 'Region ID; the endpoint is derived: https://hss.{region}.myhuaweicloud.com' },
  'project-id': { group: GROUPS.connection, type: 'string', describe: 'Project ID (path of every call)' },
  'enterprise-project-id': { group: GROUPS.connection, type: 'string', describe: 'Enterprise project ("0" = default, "all_granted_eps" = all)' },
  'iam-endpoint': { group: GROUPS.auth, type: 'string', describe: 'IAM endpoint for the password login (HSS_IAM_USER/PASSWORD/DOMAIN) [default: https://iam.{region}.myhuaweicloud.com]' },
  'ca-file': { group: GROUPS.connection, type: 'string', describe: 'Extra CA bundle (PEM) to trust' },
  'allow-insecure-http': { group: GROUPS.connection, type: 'boolean', describe: 'Allow plain http:// to a host that is not loopback' },
  'token-file': { group: GROUPS.auth, type: 'string', describe: 'File holding an X-Auth-Token (re-read once on a 401). Or set HSS_AUTH_TOKEN, or CLOUD_SDK_AK + CLOUD_SDK_SK' },
  rate: { group: GROUPS.pacing, type: 'string', describe: 'Request starts per time: N/s, N/min or N/h [default: 5/min, the API\'s limit per user and IP]' },
  burst: { group: GROUPS.pacing, type: 'number', describe: 'Starts allowed together after idle time [default: 1]' },
  concurrency: { group: GROUPS.pacing, type: 'number', describe: 'Requests in flight at once [default: 4]' },
  'max-attempts': { group: GROUPS.pacing, type: 'number', describe: 'Attempts per row, the first included; 1 = no retry [default: 5]' },
  timeout: { group: GROUPS.pacing, type: 'string', describe: 'Per attempt, with a unit: 500ms, 30s, 2m [default: 30s]' },
  'max-retry-after': { group: GROUPS.pacing, type: 'string', describe: 'Cap on a server\'s Retry-After [default: 2m]' },
  'retry-delay': { group: GROUPS.pacing, type: 'string', describe: 'First backoff step, doubled each retry, full jitter [default: 1s]' },
  'retry-max-delay': { group: GROUPS.pacing, type: 'string', describe: 'Backoff cap [default: 1m]' },
  format: { group: GROUPS.inventory, choices: ['csv', 'json', 'ndjson'], describe: 'Inventory format [default: from the extension, else sniffed]' },
  delimiter: { group: GROUPS.inventory, type: 'string', describe: 'CSV delimiter [default: detected among , ; tab |]' },
  map: { group: GROUPS.inventory, type: 'string', array: true, describe: 'Take an API field from another column: field=column (repeatable)' },
  default: { group: GROUPS.inventory, type: 'string', array: true, describe: 'Fill blank cells and absent columns: field=value (repeatable)' },
  'on-conflict': { group: GROUPS.inventory, choices: ['error', 'first', 'last'], describe: 'A host_id with differing rows: send none, the first or the last [default: error]' },
  report: { group: GROUPS.output, type: 'string', describe: 'Per-row report: .csv, .ndjson/.jsonl or .json' },
  'summary-json': { group: GROUPS.output, type: 'string', describe: 'Write the summary as JSON to PATH, or - for stdout' },
  'log-level': { group: GROUPS.output, choices: ['trace', 'debug', 'info', 'warn', 'error', 'silent'], describe: 'Log level (stderr) [default: info]' },
  'log-format': { group: GROUPS.output, choices: ['pretty', 'json'], describe: 'Log format [default: pretty]' },
  progress: { group: GROUPS.output, type: 'boolean', describe: 'Progress on stderr (--no-progress to turn off) [default: true]' },
  shard: { group: GROUPS.run, type: 'string', describe: 'Take shard k of n (k from 1): k/n' },
  shards: { group: GROUPS.run, type: 'number', describe: 'Shard count; the index comes from JOB_COMPLETION_INDEX (0-based, Kubernetes Indexed Jobs)' },
  simulate: { group: GROUPS.run, type: 'boolean', describe: 'Run against an in-process HSS simulator (no cloud account needed)' },
  'simulate-limit': { group: GROUPS.run, type: 'string', describe: 'The in-process simulator\'s rate limit [default: 5/min]' },
};

export const SYNC_FLAGS: Record<string, Flag> = {
  'dry-run': { group: GROUPS.run, type: 'boolean', describe: 'Read, validate and report; send nothing (no HTTP at all)' },
  resume: { group: GROUPS.run, type: 'string', describe: 'Earlier report (or its .partial): rows that succeeded there with the same values are not sent' },
  'changed-only': { group: GROUPS.run, type: 'boolean', describe: 'Read the live list first; send only rows that differ' },
  'max-failures': { group: GROUPS.run, type: 'string', describe: 'Abort when more rows than N (or P%) have failed' },
  grace: { group: GROUPS.run, type: 'string', describe: 'After SIGINT/SIGTERM, time for in-flight requests [default: 10s]' },
};

export const PLAN_FLAGS: Record<string, Flag> = {
  'detailed-exitcode': { group: GROUPS.plan, type: 'boolean', describe: 'Exit 0 when nothing would change, 2 when changes are pending, 1 on error' },
  output: { group: GROUPS.plan, choices: ['text', 'json'], describe: 'Plan output on stdout [default: text]' },
};

export const SIMULATE_FLAGS: Record<string, Flag> = {
  port: { group: GROUPS.connection, type: 'number', describe: 'Port to listen on (loopback) [default: 8780]' },
  limit: { group: GROUPS.pacing, type: 'string', describe: 'Sliding-window limit per principal and API [default: 5/min]' },
  'fail-rate': { group: GROUPS.pacing, type: 'number', describe: 'Fraction of calls answered 500/503 [default: 0]' },
  latency: { group: GROUPS.pacing, type: 'string', describe: 'Delay before each answer, e.g. 50ms [default: 0ms]' },
  'token-ttl': { group: GROUPS.auth, type: 'string', describe: 'Lifetime of IAM tokens the simulator issues [default: 24h]' },
};

export const ALL_FLAGS = { ...SHARED_FLAGS, ...SYNC_FLAGS, ...PLAN_FLAGS, ...SIMULATE_FLAGS };

/** Levenshtein distance, for "Did you mean --concurrency?". */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

export function suggestFlag(unknown: string, known: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const flag of known) {
    const distance = editDistance(unknown, flag);
    if (distance < bestDistance) [best, bestDistance] = [flag, distance];
  }
  return bestDistance <= Math.max(2, Math.floor(unknown.length / 4)) ? best : undefined;
}
