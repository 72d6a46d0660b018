import { z } from 'zod';
import { UsageError } from './errors.js';
import { hssEndpointForRegion } from './hss/endpoints.js';
import type { ConflictPolicy } from './inventory/dedupe.js';
import type { ShardSpec } from './inventory/shard.js';
import type { InventoryFormat } from './inventory/source.js';
import { HOST_FIELDS, type HostField } from './model.js';
import { parseDuration, parseRate, type Rate } from './units.js';
import type { ProxySettings } from './hss/transport.js';
import type { RetryPolicy } from './delivery/retry-policy.js';

/** Credentials, from the environment or files only (the CLI reads them; flags never carry secrets). */
export interface Credentials {
  token?: string | undefined;
  tokenFile?: string | undefined;
  ak?: string | undefined;
  sk?: string | undefined;
  securityToken?: string | undefined;
  iamUser?: string | undefined;
  iamPassword?: string | undefined;
  iamDomain?: string | undefined;
}

/** Everything the CLI accepts, in the CLI's own terms (durations and rates as text). */
export interface SyncOptions {
  /** Path of the inventory, or `-` for stdin. */
  inventory: string;
  format?: InventoryFormat | undefined;
  delimiter?: string | undefined;
  /** `field=column` pairs, or an object. */
  map?: string[] | Partial<Record<HostField, string>> | undefined;
  /** `field=value` pairs, or an object. */
  defaults?: string[] | Partial<Record<HostField, string>> | undefined;
  /** @default 'error' */
  onConflict?: ConflictPolicy | undefined;
  endpoint?: string | undefined;
  region?: string | undefined;
  projectId?: string | undefined;
  enterpriseProjectId?: string | undefined;
  iamEndpoint?: string | undefined;
  credentials?: Credentials | undefined;
  /** @default '5/min' */
  rate?: string | undefined;
  /** @default 1 */
  burst?: number | undefined;
  /** @default 4 */
  concurrency?: number | undefined;
  /** @default 5 */
  maxAttempts?: number | undefined;
  /** Per attempt. @default '30s' */
  timeout?: string | undefined;
  /** @default '2m' */
  maxRetryAfter?: string | undefined;
  /** First backoff step (full jitter). @default '1s' */
  retryDelay?: string | undefined;
  /** @default '1m' */
  retryMaxDelay?: string | undefined;
  /** `N` rows or `P%` of the rows to send. @default unlimited */
  maxFailures?: string | number | undefined;
  /** In-flight time after a stop signal. @default '10s' */
  grace?: string | undefined;
  caFile?: string | undefined;
  allowInsecureHttp?: boolean | undefined;
  /** Proxy settings; the CLI fills them from HTTP(S)_PROXY / NO_PROXY. @default none */
  proxy?: ProxySettings | undefined;
  report?: string | undefined;
  dryRun?: boolean | undefined;
  resume?: string | undefined;
  changedOnly?: boolean | undefined;
  /** `k/n`, k from 1. */
  shard?: string | undefined;
  /** Run against an in-process simulator. */
  simulate?: boolean | undefined;
  /** The in-process simulator's limit. @default '5/min' */
  simulateLimit?: string | undefined;
}

const positiveInt = (flag: string) =>
  z.number({ error: `${flag} must be a whole number` }).int({ error: `${flag} must be a whole number` }).min(1, { error: `${flag} must be at least 1` });

const duration = (flag: string, fallback: string) => z.string().default(fallback).transform((value) => parseDuration(value, flag));

function pairs(flag: string, value: SyncOptions['map']): Partial<Record<HostField, string>> {
  if (value === undefined) return {};
  if (!Array.isArray(value)) return value;
  const result: Partial<Record<HostField, string>> = {};
  for (const pair of value) {
    const eq = pair.indexOf('=');
    const field = pair.slice(0, eq).trim() as HostField;
    if (eq < 1 || !HOST_FIELDS.includes(field)) {
      throw new UsageError(`${flag} must look like FIELD=${flag === '--map' ? 'COLUMN' : 'VALUE'} with FIELD one of ${HOST_FIELDS.join(', ')}, got "${pair}"`);
    }
    result[field] = pair.slice(eq + 1);
  }
  return result;
}

function parseShard(value: string): ShardSpec {
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw new UsageError(`--shard must look like k/n with 1 <= k <= n, got "${value}"`);
  }
  return { index, count };
}

function parseMaxFailures(value: string | number | undefined): { count: number } | { percent: number } | undefined {
  if (value === undefined) return undefined;
  const text = String(value).trim();
  const match = /^(\d+(?:\.\d+)?)(%?)$/.exec(text);
  if (!match || (!match[2] && !/^\d+$/.test(text))) throw new UsageError(`--max-failures must be a count like 10 or a share like 5%, got "${value}"`);
  return match[2] ? { percent: Number(match[1]) } : { count: Number(match[1]) };
}

const optionsSchema = z.object({
  inventory: z.string().min(1, { error: 'an inventory path (or - for stdin) is required' }),
  format: z.enum(['csv', 'json', 'ndjson']).optional(),
  delimiter: z
    .string()
    .optional()
    .transform((value) => (value === '\\t' || value === 'tab' ? '\t' : value))
    .refine((value) => value === undefined || value.length === 1, { error: '--delimiter must be one character (or \\t), e.g. ";"' }),
  onConflict: z.enum(['error', 'first', 'last'], { error: '--on-conflict must be error, first or last' }).default('error'),
  endpoint: z.string().optional(),
  region: z.string().optional(),
  projectId: z.string().max(256).optional(),
  enterpriseProjectId: z.string().min(1).max(256).optional(),
  iamEndpoint: z.string().optional(),
  rate: z.string().default('5/min').transform((value) => parseRate(value, '--rate')),
  burst: positiveInt('--burst').default(1),
  concurrency: positiveInt('--concurrency').max(1024, { error: '--concurrency must be at most 1024' }).default(4),
  maxAttempts: positiveInt('--max-attempts').max(100, { error: '--max-attempts must be at most 100' }).default(5),
  timeout: duration('--timeout', '30s'),
  maxRetryAfter: duration('--max-retry-after', '2m'),
  retryDelay: duration('--retry-delay', '1s'),
  retryMaxDelay: duration('--retry-max-delay', '1m'),
  grace: duration('--grace', '10s'),
  caFile: z.string().optional(),
  allowInsecureHttp: z.boolean().default(false),
  report: z.string().optional(),
  dryRun: z.boolean().default(false),
  resume: z.string().optional(),
  changedOnly: z.boolean().default(false),
  simulate: z.boolean().default(false),
  simulateLimit: z.string().default('5/min').transform((value) => parseRate(value, '--simulate-limit')),
});

export type ResolvedOptions = z.output<typeof optionsSchema> & {
  map: Partial<Record<HostField, string>>;
  defaults: Partial<Record<HostField, string>>;
  shard: ShardSpec | undefined;
  maxFailures: { count: number } | { percent: number } | undefined;
  credentials: Credentials;
  proxy: ProxySettings;
};

/** Resolves options: defaults, units, cross-field rules. Throws UsageError naming the flag. */
export function resolveOptions(options: SyncOptions): ResolvedOptions {
  const { map, defaults, shard, maxFailures, credentials, proxy, ...rest } = options;
  const parsed = optionsSchema.safeParse(dropUndefined(rest));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const flag = issue.path.length ? `--${String(issue.path[0]).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}` : '';
    throw new UsageError(issue.message.startsWith('--') || !flag ? issue.message : `${flag}: ${issue.message}`);
  }
  const resolved: ResolvedOptions = {
    ...parsed.data,
    map: pairs('--map', map),
    defaults: pairs('--default', defaults),
    shard: shard === undefined ? undefined : parseShard(shard),
    maxFailures: parseMaxFailures(maxFailures),
    credentials: credentials ?? {},
    proxy: proxy ?? {},
  };
  if (resolved.region !== undefined) hssEndpointForRegion(resolved.region);
  if (resolved.burst > 1000) throw new UsageError('--burst must be at most 1000');
  if (resolved.changedOnly && resolved.resume) {
    throw new UsageError('--changed-only and --resume do not combine: pick one way to skip rows');
  }
  return resolved;
}

/** zod's defaults apply to absent keys; an explicit undefined from yargs counts as absent. */
function dropUndefined<T extends object>(object: T): Partial<T> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as Partial<T>;
}

export type { Rate };

/** The retry policy the options describe. */
export function retryPolicyOf(config: ResolvedOptions): RetryPolicy {
  return { maxAttempts: config.maxAttempts, baseDelayMs: config.retryDelay, maxDelayMs: config.retryMaxDelay, maxRetryAfterMs: config.maxRetryAfter };
}

/** `--max-failures` as a row count for a run of `rows`. */
export function maxFailuresOf(config: ResolvedOptions, rows: number): number {
  if (config.maxFailures === undefined) return Infinity;
  return 'count' in config.maxFailures ? config.maxFailures.count : Math.floor((config.maxFailures.percent / 100) * rows);
}
